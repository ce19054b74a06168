using System.Runtime.InteropServices;

namespace DistillPlatform.OnnxRuntime.Native;

/// <summary>Null-terminated UTF-8 copies of strings in native memory, for the C API's <c>const char* const*</c>
/// parameters (input/output names, option keys). Freed on <see cref="Dispose"/>.</summary>
internal sealed class NativeNames : IDisposable
{
    public NativeNames(IEnumerable<string> names)
    {
        Pointers = names.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
    }

    public IntPtr[] Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < Pointers.Length; i++)
        {
            Marshal.FreeCoTaskMem(Pointers[i]);
            Pointers[i] = IntPtr.Zero;
        }
    }
}

using System.Text;
using DistillPlatform.OnnxRuntime.Native;

namespace DistillPlatform.OnnxRuntime;

/// <summary>
/// An ONNX Runtime environment (OrtEnv): owns ORT's logging. Sessions keep their environment alive until they are
/// disposed, so disposing the environment first is safe.
/// </summary>
public sealed class OnnxEnvironment : IDisposable
{
    private readonly OrtEnvHandle _handle;

    /// <param name="loggingLevel">Least severe ORT message that is printed to stderr.</param>
    /// <param name="logId">Tag that prefixes ORT's log lines.</param>
    public unsafe OnnxEnvironment(OnnxLoggingLevel loggingLevel = OnnxLoggingLevel.Warning, string logId = "DistillPlatform")
    {
        LoggingLevel = loggingLevel;
        var api = OnnxRuntimeLibrary.Api;
        var logIdUtf8 = Encoding.UTF8.GetBytes(logId + "\0");
        IntPtr env;
        fixed (byte* logIdPointer = logIdUtf8)
        {
            api.Check(api.CreateEnv(loggingLevel, logIdPointer, &env));
        }

        _handle = OrtHandle.Own<OrtEnvHandle>(env);
    }

    public OnnxLoggingLevel LoggingLevel { get; }

    internal OrtEnvHandle Handle => _handle;

    public void Dispose() => _handle.Dispose();
}

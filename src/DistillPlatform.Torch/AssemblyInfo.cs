using System.Runtime.CompilerServices;

// The tests check the native library lookup (Interop.NativeLibraryLoader) without starting a second process.
[assembly: InternalsVisibleTo("DistillPlatform.Torch.Tests")]

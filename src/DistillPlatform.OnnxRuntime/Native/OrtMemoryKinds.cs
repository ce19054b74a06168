namespace DistillPlatform.OnnxRuntime.Native;

/// <summary>OrtAllocatorType from the C API: which allocator a memory description refers to.</summary>
internal enum OrtAllocatorType
{
    Device = 0,
    Arena = 1,
}

/// <summary>OrtMemType from the C API: which memory of an execution provider a description refers to.</summary>
internal enum OrtMemType
{
    Cpu = -1,
    Default = 0,
}

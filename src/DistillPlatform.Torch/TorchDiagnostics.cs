using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

/// <summary>Counters for finding tensor leaks in tests and long-running services.</summary>
public static class TorchDiagnostics
{
    /// <summary>Native tensor handles currently alive in this process (every Tensor object not yet freed holds one).</summary>
    public static long LiveTensorCount => Native.dp_live_tensor_count();
}

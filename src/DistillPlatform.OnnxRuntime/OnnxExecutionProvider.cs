namespace DistillPlatform.OnnxRuntime;

/// <summary>Where a session runs its graph.</summary>
public enum OnnxExecutionProvider
{
    /// <summary>ONNX Runtime's built-in CPU kernels.</summary>
    Cpu,

    /// <summary>NVIDIA CUDA; session creation fails with a clear message when the CUDA provider library is absent.</summary>
    Cuda,

    /// <summary>CUDA when its provider library is present, otherwise CPU (see <see cref="OnnxSession.ExecutionProvider"/>).</summary>
    CudaIfAvailable,
}

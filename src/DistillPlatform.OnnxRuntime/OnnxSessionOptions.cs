namespace DistillPlatform.OnnxRuntime;

/// <summary>Settings for creating an <see cref="OnnxSession"/>; turned into a native OrtSessionOptions per session.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Threads ORT uses inside one operator; 0 lets ORT pick (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    public OnnxGraphOptimizationLevel OptimizationLevel { get; init; } = OnnxGraphOptimizationLevel.All;

    public OnnxExecutionProvider ExecutionProvider { get; init; } = OnnxExecutionProvider.Cpu;

    /// <summary>CUDA device ordinal used when the CUDA execution provider is appended.</summary>
    public int CudaDeviceId { get; init; }
}

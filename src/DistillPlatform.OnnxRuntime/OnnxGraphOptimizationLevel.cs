namespace DistillPlatform.OnnxRuntime;

/// <summary>How much ONNX Runtime rewrites the graph before running it (GraphOptimizationLevel in the C API).</summary>
public enum OnnxGraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

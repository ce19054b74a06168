namespace DistillPlatform.OnnxRuntime;

/// <summary>Kind of value a model input or output holds (ONNXType in the C API).</summary>
public enum OnnxValueType
{
    Unknown = 0,
    Tensor = 1,
    Sequence = 2,
    Map = 3,
    Opaque = 4,
    SparseTensor = 5,
    Optional = 6,
}

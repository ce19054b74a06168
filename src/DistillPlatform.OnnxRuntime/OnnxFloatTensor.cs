namespace DistillPlatform.OnnxRuntime;

/// <summary>A float32 output tensor copied out of ONNX Runtime.</summary>
/// <param name="Name">Output name in the graph.</param>
/// <param name="Shape">Dimensions of the tensor.</param>
/// <param name="Values">Row-major values.</param>
public sealed record OnnxFloatTensor(string Name, IReadOnlyList<long> Shape, float[] Values);

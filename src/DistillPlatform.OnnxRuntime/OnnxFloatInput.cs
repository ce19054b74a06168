namespace DistillPlatform.OnnxRuntime;

/// <summary>A float32 input tensor for <see cref="OnnxSession.Run(IReadOnlyList{OnnxFloatInput}, IReadOnlyList{string}?)"/>.
/// The memory is pinned and handed to ONNX Runtime as is (no copy), so it must stay unchanged during the run.</summary>
/// <param name="Name">Input name in the graph.</param>
/// <param name="Data">Row-major values; their count must equal the product of <paramref name="Shape"/>.</param>
/// <param name="Shape">Dimensions of the tensor.</param>
public sealed record OnnxFloatInput(string Name, ReadOnlyMemory<float> Data, IReadOnlyList<long> Shape);

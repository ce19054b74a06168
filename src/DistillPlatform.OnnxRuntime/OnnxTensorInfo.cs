namespace DistillPlatform.OnnxRuntime;

/// <summary>Declared type and shape of one model input or output.</summary>
/// <param name="Name">Name in the graph, as used by <see cref="OnnxSession.Run(IReadOnlyList{OnnxFloatInput}, IReadOnlyList{string}?)"/>.</param>
/// <param name="ValueType">Tensor, sequence, map, ...; <see cref="ElementType"/> and the shape are only meaningful for tensors.</param>
/// <param name="ElementType">Element type of a tensor.</param>
/// <param name="Shape">Dimensions; -1 marks a dynamic dimension (see <see cref="SymbolicShape"/> for its name).</param>
/// <param name="SymbolicShape">Name of each dynamic dimension ("batch", "samples"), empty for fixed ones.</param>
public sealed record OnnxTensorInfo(
    string Name,
    OnnxValueType ValueType,
    OnnxElementType ElementType,
    IReadOnlyList<long> Shape,
    IReadOnlyList<string> SymbolicShape)
{
    public int Rank => Shape.Count;

    public override string ToString() =>
        $"{Name}: {ValueType} {ElementType}[{string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString() : SymbolicShape[i] is { Length: > 0 } s ? s : "?"))}]";
}

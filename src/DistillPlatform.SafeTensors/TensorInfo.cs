namespace DistillPlatform.SafeTensors;

/// <summary>One tensor's entry in a safetensors header. Offsets are relative to the start of the data section.</summary>
public sealed record TensorInfo(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public long ByteLength => End - Begin;
}

/// <summary>A tensor to be written: name, type and shape, declared before any data is streamed.</summary>
public sealed record TensorDeclaration(string Name, SafeTensorDType DType, long[] Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public long ByteLength => ElementCount * DType.ElementSize();

    public static TensorDeclaration Of<T>(string name, params long[] shape) where T : unmanaged =>
        new(name, SafeTensorDTypeExtensions.Of<T>(), shape);
}

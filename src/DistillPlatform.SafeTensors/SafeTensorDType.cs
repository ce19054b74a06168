namespace DistillPlatform.SafeTensors;

/// <summary>Element types the platform stores. Names in the file header follow the safetensors spec ("F32", "I64", ...).</summary>
public enum SafeTensorDType
{
    Float32,
    Float64,
    Int64,
    Int32,
    UInt8,
    Bool,
}

public static class SafeTensorDTypeExtensions
{
    public static int ElementSize(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Float32 => 4,
        SafeTensorDType.Float64 => 8,
        SafeTensorDType.Int64 => 8,
        SafeTensorDType.Int32 => 4,
        SafeTensorDType.UInt8 => 1,
        SafeTensorDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    public static string ToHeaderName(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Float32 => "F32",
        SafeTensorDType.Float64 => "F64",
        SafeTensorDType.Int64 => "I64",
        SafeTensorDType.Int32 => "I32",
        SafeTensorDType.UInt8 => "U8",
        SafeTensorDType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    public static SafeTensorDType FromHeaderName(string name) => name switch
    {
        "F32" => SafeTensorDType.Float32,
        "F64" => SafeTensorDType.Float64,
        "I64" => SafeTensorDType.Int64,
        "I32" => SafeTensorDType.Int32,
        "U8" => SafeTensorDType.UInt8,
        "BOOL" => SafeTensorDType.Bool,
        _ => throw new SafeTensorsFormatException($"Unsupported safetensors dtype \"{name}\" (supported: F32, F64, I64, I32, U8, BOOL)."),
    };

    /// <summary>The dtype that stores elements of the CLR type <typeparamref name="T"/>.</summary>
    public static SafeTensorDType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return SafeTensorDType.Float32;
        if (typeof(T) == typeof(double)) return SafeTensorDType.Float64;
        if (typeof(T) == typeof(long)) return SafeTensorDType.Int64;
        if (typeof(T) == typeof(int)) return SafeTensorDType.Int32;
        if (typeof(T) == typeof(byte)) return SafeTensorDType.UInt8;
        if (typeof(T) == typeof(bool)) return SafeTensorDType.Bool;
        throw new NotSupportedException($"No safetensors dtype stores {typeof(T).Name}.");
    }
}

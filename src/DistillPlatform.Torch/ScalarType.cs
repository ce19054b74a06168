namespace DistillPlatform.Torch;

/// <summary>Element types; the values are libtorch's c10::ScalarType codes.</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}

/// <summary>Maps C# element types to tensor element types for data exchange.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>The tensor element type whose values have the layout of <typeparamref name="T"/>.</summary>
    public static ScalarType For<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(short)) return ScalarType.Int16;
        if (typeof(T) == typeof(sbyte)) return ScalarType.Int8;
        if (typeof(T) == typeof(byte)) return ScalarType.UInt8;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        throw new ArgumentException($"{typeof(T).Name} has no tensor element type; use float, double, long, int, short, sbyte, byte or bool.");
    }
}

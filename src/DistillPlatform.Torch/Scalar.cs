namespace DistillPlatform.Torch;

/// <summary>
/// A number passed to a tensor operation. Like Python, an integral scalar keeps integral tensors integral
/// (<c>ints + 1</c> stays int64) while a floating one promotes them (<c>ints + 1.0</c> becomes float32).
/// </summary>
public readonly struct Scalar
{
    internal enum ScalarKind
    {
        Real = 0,
        Integer = 1,
        Bool = 2,
    }

    private Scalar(double real, long integer, ScalarKind kind)
    {
        Real = real;
        Integer = integer;
        Kind = kind;
    }

    internal double Real { get; }

    internal long Integer { get; }

    internal ScalarKind Kind { get; }

    internal int KindCode => (int)Kind;

    public bool IsIntegral => Kind != ScalarKind.Real;

    public double ToDouble() => Kind == ScalarKind.Real ? Real : Integer;

    /// <summary>-value with the same kind (an integral alpha must stay integral for integer tensors).</summary>
    internal Scalar Negated() => Kind == ScalarKind.Real ? new(-Real, 0, Kind) : new(-Integer, -Integer, ScalarKind.Integer);

    public static implicit operator Scalar(double value) => new(value, 0, ScalarKind.Real);

    public static implicit operator Scalar(float value) => new(value, 0, ScalarKind.Real);

    public static implicit operator Scalar(long value) => new(value, value, ScalarKind.Integer);

    public static implicit operator Scalar(int value) => new(value, value, ScalarKind.Integer);

    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, value ? 1 : 0, ScalarKind.Bool);

    public override string ToString() => Kind switch
    {
        ScalarKind.Real => Real.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScalarKind.Bool => Integer != 0 ? "True" : "False",
        _ => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

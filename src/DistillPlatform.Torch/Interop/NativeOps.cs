namespace DistillPlatform.Torch.Interop;

// Op codes of the dispatching entry points in native/ops.cpp and native/core.cpp; the values must match the C++ switches.

internal enum UnaryOp
{
    Neg = 0, Abs = 1, Exp = 2, Log = 3, Sqrt = 4, Rsqrt = 5, Sigmoid = 6, Tanh = 7, Relu = 8, Sign = 9, Sin = 10,
    Cos = 11, Floor = 12, Ceil = 13, Round = 14, Log1p = 15, Expm1 = 16, Square = 17, Reciprocal = 18,
    LogicalNot = 19, IsNan = 20, IsFinite = 21, All = 22, Any = 23, Transpose2D = 24, Contiguous = 25, Clone = 26,
    Squeeze = 27, Erf = 28, Nonzero = 29, Tril = 30, Triu = 31,
}

internal enum BinaryOp
{
    Add = 0, Sub = 1, Mul = 2, Div = 3, Pow = 4, Maximum = 5, Minimum = 6, Eq = 7, Ne = 8, Lt = 9, Le = 10, Gt = 11,
    Ge = 12, LogicalAnd = 13, LogicalOr = 14, Remainder = 15, Atan2 = 16, Matmul = 17, Mm = 18, Bmm = 19, Outer = 20,

    // Only for tensor-scalar calls: the scalar is the left operand.
    ReverseSub = 100, ReverseDiv = 101, ReversePow = 102,
}

internal enum InPlaceOp
{
    Add = 0, Sub = 1, Mul = 2, Div = 3,

    // copy_ for a tensor operand, fill_ for a scalar operand.
    CopyOrFill = 4,
}

internal enum ShapeOp
{
    Reshape = 0, View = 1, Permute = 2, Expand = 3, Repeat = 4, Flip = 5,
}

internal enum ReduceOp
{
    Sum = 0, Mean = 1, LogSumExp = 2, Max = 3, Min = 4,
}

internal enum FactoryKind
{
    Zeros = 0, Ones = 1, Empty = 2, Randn = 3, Rand = 4,
}

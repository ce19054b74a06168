using DistillPlatform.Torch.Interop;
using static DistillPlatform.Torch.nn.TensorInterop;

namespace DistillPlatform.Torch.nn;

/// <summary>How a loss folds per-element values into its result (PyTorch's <c>reduction=</c> argument).</summary>
public enum Reduction
{
    /// <summary>Keep one value per element / sample.</summary>
    None,
    /// <summary>Average (weighted by class weights where the loss has them).</summary>
    Mean,
    /// <summary>Sum.</summary>
    Sum,
}

/// <summary>Interpolation modes of <see cref="Functional.interpolate"/> / <see cref="Upsample"/>.</summary>
public enum UpsampleMode
{
    Nearest,
    Bilinear,
}

/// <summary>Padding modes of <see cref="Functional.pad"/>.</summary>
public enum PaddingMode
{
    Constant,
    Reflect,
    Replicate,
    Circular,
}

/// <summary>
/// Stateless layer and loss functions, shaped like <c>torch.nn.functional</c>. Each runs the ATen operator PyTorch
/// uses, so values and gradients match PyTorch; results land in the caller's dispose scope.
/// </summary>
public static class Functional
{
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Keep(Native.Check(Native.NnLinear(input.Handle, weight.Handle, Optional(bias))), bias);

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Keep(Native.Check(Native.NnConv1d(input.Handle, weight.Handle, Optional(bias), stride, padding, dilation, groups)), bias);

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, (long, long)? stride = null, (long, long)? padding = null,
        (long, long)? dilation = null, long groups = 1)
    {
        var (s, p, d) = (stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1));
        unsafe
        {
            long* strides = stackalloc long[] { s.Item1, s.Item2 };
            long* paddings = stackalloc long[] { p.Item1, p.Item2 };
            long* dilations = stackalloc long[] { d.Item1, d.Item2 };
            return Keep(Native.Check(Native.NnConv2d(input.Handle, weight.Handle, Optional(bias), strides, paddings, dilations, groups)), bias);
        }
    }

    public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, (long, long)? stride = null, (long, long)? padding = null,
        (long, long)? output_padding = null, long groups = 1, (long, long)? dilation = null)
    {
        var (s, p, o, d) = (stride ?? (1, 1), padding ?? (0, 0), output_padding ?? (0, 0), dilation ?? (1, 1));
        unsafe
        {
            long* strides = stackalloc long[] { s.Item1, s.Item2 };
            long* paddings = stackalloc long[] { p.Item1, p.Item2 };
            long* outputPaddings = stackalloc long[] { o.Item1, o.Item2 };
            long* dilations = stackalloc long[] { d.Item1, d.Item2 };
            return Keep(Native.Check(Native.NnConvTranspose2d(
                input.Handle, weight.Handle, Optional(bias), strides, paddings, outputPaddings, dilations, groups)), bias);
        }
    }

    /// <summary>
    /// Resizes [N, C, H, W] input either to <paramref name="size"/> or by <paramref name="scale_factor"/> (exactly one
    /// must be given), like <c>F.interpolate</c>. <paramref name="align_corners"/> applies to bilinear only.
    /// </summary>
    public static Tensor interpolate(Tensor input, (long, long)? size = null, double? scale_factor = null, UpsampleMode mode = UpsampleMode.Nearest,
        bool align_corners = false)
    {
        if (size.HasValue == scale_factor.HasValue)
            throw new ArgumentException("interpolate needs exactly one of size and scale_factor.");
        if (input.dim() != 4)
            throw new ArgumentException($"interpolate supports 4-D [N, C, H, W] input; got {input.dim()} dimensions.", nameof(input));
        if (mode == UpsampleMode.Nearest && align_corners)
            throw new ArgumentException("align_corners only applies to bilinear interpolation.", nameof(align_corners));
        unsafe
        {
            long* sizes = stackalloc long[2];
            double* scales = stackalloc double[2];
            if (size is { } s)
                (sizes[0], sizes[1]) = s;
            else
                scales[0] = scales[1] = scale_factor!.Value;
            var sizeArgument = size.HasValue ? sizes : null;
            var scaleArgument = scale_factor.HasValue ? scales : null;
            return Native.Check(mode == UpsampleMode.Nearest
                ? Native.NnUpsampleNearest2d(input.Handle, sizeArgument, scaleArgument)
                : Native.NnUpsampleBilinear2d(input.Handle, sizeArgument, scaleArgument, align_corners ? 1 : 0));
        }
    }

    public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        unsafe
        {
            fixed (long* shape = normalized_shape)
                return Keep(Native.Check(Native.NnLayerNorm(input.Handle, shape, normalized_shape.Length, Optional(weight), Optional(bias), eps)), weight, bias);
        }
    }

    /// <summary>
    /// Batch normalisation over dimension 1. In training mode the batch statistics are used and, when given, the
    /// running statistics are updated in place with <paramref name="momentum"/>; in eval mode the running ones are used.
    /// </summary>
    public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        if (!training && (running_mean is null || running_var is null))
            throw new ArgumentException("batch_norm in eval mode needs running_mean and running_var.");
        return Keep(Native.Check(Native.NnBatchNorm(input.Handle, Optional(weight), Optional(bias), Optional(running_mean),
            Optional(running_var), training ? 1 : 0, momentum, eps)), weight, bias, running_mean, running_var);
    }

    public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) => Native.Check(Native.NnLeakyRelu(input.Handle, negative_slope));

    public static Tensor relu(Tensor input) => input.relu();

    /// <summary>Zeroes elements with probability <paramref name="p"/> and scales the rest by 1/(1-p) when training.</summary>
    public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
    {
        if (p is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        return Native.Check(Native.NnDropout(input.Handle, p, training ? 1 : 0));
    }

    public static Tensor softmax(Tensor input, long dim) => Native.Check(Native.NnSoftmax(input.Handle, dim));

    public static Tensor log_softmax(Tensor input, long dim) => Native.Check(Native.NnLogSoftmax(input.Handle, dim));

    /// <summary>int64 class indices to an int64 one-hot tensor with a trailing class dimension.</summary>
    public static Tensor one_hot(Tensor input, long num_classes = -1) => Native.Check(Native.NnOneHot(input.Handle, num_classes));

    /// <summary>
    /// Pads the last dimensions: <paramref name="pad"/> lists (before, after) pairs starting from the last dimension,
    /// as in <c>F.pad</c>. <paramref name="value"/> is the fill for constant mode.
    /// </summary>
    public static Tensor pad(Tensor input, long[] pad, PaddingMode mode = PaddingMode.Constant, double value = 0)
    {
        if (pad.Length % 2 != 0)
            throw new ArgumentException($"pad needs (before, after) pairs; got {pad.Length} values.", nameof(pad));
        unsafe
        {
            fixed (long* values = pad)
                return Native.Check(Native.NnPad(input.Handle, values, pad.Length, mode.ToString().ToLowerInvariant(), value));
        }
    }

    /// <summary>
    /// Cross entropy between logits [N, C] (or [N, C, ...]) and int64 class indices; <paramref name="weight"/> rescales
    /// classes (the mean then divides by the summed weights of the targets, as PyTorch does).
    /// </summary>
    public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
        long ignore_index = -100, double label_smoothing = 0.0) =>
        Keep(Native.Check(Native.NnCrossEntropy(input.Handle, target.Handle, Optional(weight), (int)ToCode(reduction), ignore_index, label_smoothing)), weight);

    /// <summary>
    /// Kullback-Leibler divergence with PyTorch's argument convention: <paramref name="input"/> holds log-probabilities,
    /// <paramref name="target"/> probabilities (or log-probabilities when <paramref name="log_target"/>).
    /// <paramref name="batchmean"/> divides the sum by the batch size (the mathematically correct KL mean) and then
    /// <paramref name="reduction"/> is ignored.
    /// </summary>
    public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false, bool batchmean = false) =>
        Native.Check(Native.NnKlDiv(input.Handle, target.Handle, (int)(batchmean ? Native.NnReduction.BatchMean : ToCode(reduction)), log_target ? 1 : 0));

    public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Native.Check(Native.NnMseLoss(input.Handle, target.Handle, (int)ToCode(reduction)));

    public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Native.Check(Native.NnL1Loss(input.Handle, target.Handle, (int)ToCode(reduction)));

    private static Native.NnReduction ToCode(Reduction reduction) => reduction switch
    {
        Reduction.None => Native.NnReduction.None,
        Reduction.Mean => Native.NnReduction.Mean,
        Reduction.Sum => Native.NnReduction.Sum,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };
}

using System.Runtime.InteropServices;

namespace DistillPlatform.Torch.Interop;

/// <summary>
/// Entry points of native/nn_ops.cpp (layers, losses, parameter utilities, optimizer updates), added to the core's
/// <see cref="Native"/> so they share its library loader and error handling. Required tensors travel as
/// <see cref="TensorHandle"/>; optional ones (a bias, class weights) as a raw pointer that is zero when absent.
/// </summary>
internal static unsafe partial class Native
{
    /// <summary>Loss reductions as nn_ops.cpp encodes them.</summary>
    internal enum NnReduction
    {
        None = 0,
        Mean = 1,
        Sum = 2,
        BatchMean = 3,
    }

    [LibraryImport(Lib, EntryPoint = "dp_nn_linear")]
    internal static partial TensorHandle NnLinear(TensorHandle input, TensorHandle weight, IntPtr bias);

    [LibraryImport(Lib, EntryPoint = "dp_nn_conv1d")]
    internal static partial TensorHandle NnConv1d(TensorHandle input, TensorHandle weight, IntPtr bias, long stride, long padding, long dilation, long groups);

    [LibraryImport(Lib, EntryPoint = "dp_nn_conv2d")]
    internal static partial TensorHandle NnConv2d(TensorHandle input, TensorHandle weight, IntPtr bias, long* stride, long* padding, long* dilation, long groups);

    [LibraryImport(Lib, EntryPoint = "dp_nn_conv_transpose2d")]
    internal static partial TensorHandle NnConvTranspose2d(
        TensorHandle input, TensorHandle weight, IntPtr bias, long* stride, long* padding, long* outputPadding, long* dilation, long groups);

    [LibraryImport(Lib, EntryPoint = "dp_nn_upsample_nearest2d")]
    internal static partial TensorHandle NnUpsampleNearest2d(TensorHandle input, long* outputSize, double* scaleFactors);

    [LibraryImport(Lib, EntryPoint = "dp_nn_upsample_bilinear2d")]
    internal static partial TensorHandle NnUpsampleBilinear2d(TensorHandle input, long* outputSize, double* scaleFactors, int alignCorners);

    [LibraryImport(Lib, EntryPoint = "dp_nn_layer_norm")]
    internal static partial TensorHandle NnLayerNorm(TensorHandle input, long* normalizedShape, int normalizedDims, IntPtr weight, IntPtr bias, double eps);

    [LibraryImport(Lib, EntryPoint = "dp_nn_batch_norm")]
    internal static partial TensorHandle NnBatchNorm(
        TensorHandle input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps);

    [LibraryImport(Lib, EntryPoint = "dp_nn_leaky_relu")]
    internal static partial TensorHandle NnLeakyRelu(TensorHandle input, double negativeSlope);

    [LibraryImport(Lib, EntryPoint = "dp_nn_dropout")]
    internal static partial TensorHandle NnDropout(TensorHandle input, double probability, int training);

    [LibraryImport(Lib, EntryPoint = "dp_nn_softmax")]
    internal static partial TensorHandle NnSoftmax(TensorHandle input, long dim);

    [LibraryImport(Lib, EntryPoint = "dp_nn_log_softmax")]
    internal static partial TensorHandle NnLogSoftmax(TensorHandle input, long dim);

    [LibraryImport(Lib, EntryPoint = "dp_nn_one_hot")]
    internal static partial TensorHandle NnOneHot(TensorHandle input, long numClasses);

    [LibraryImport(Lib, EntryPoint = "dp_nn_pad", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial TensorHandle NnPad(TensorHandle input, long* pad, int padCount, string mode, double value);

    [LibraryImport(Lib, EntryPoint = "dp_nn_cross_entropy")]
    internal static partial TensorHandle NnCrossEntropy(
        TensorHandle input, TensorHandle target, IntPtr classWeight, int reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(Lib, EntryPoint = "dp_nn_kl_div")]
    internal static partial TensorHandle NnKlDiv(TensorHandle input, TensorHandle target, int reduction, int logTarget);

    [LibraryImport(Lib, EntryPoint = "dp_nn_mse_loss")]
    internal static partial TensorHandle NnMseLoss(TensorHandle input, TensorHandle target, int reduction);

    [LibraryImport(Lib, EntryPoint = "dp_nn_l1_loss")]
    internal static partial TensorHandle NnL1Loss(TensorHandle input, TensorHandle target, int reduction);

    [LibraryImport(Lib, EntryPoint = "dp_nn_clear_grads")]
    internal static partial int NnClearGrads(IntPtr* parameters, int count);

    [LibraryImport(Lib, EntryPoint = "dp_nn_clip_grad_norm_")]
    internal static partial TensorHandle NnClipGradNorm(IntPtr* parameters, int count, double maxNorm, double normType);

    [LibraryImport(Lib, EntryPoint = "dp_optim_adam_step")]
    internal static partial int NnAdamStep(
        TensorHandle parameter, TensorHandle expAvg, TensorHandle expAvgSq, long* step, double lr, double beta1, double beta2, double eps,
        double weightDecay, int decoupledWeightDecay);

    [LibraryImport(Lib, EntryPoint = "dp_optim_sgd_step")]
    internal static partial int NnSgdStep(
        TensorHandle parameter, IntPtr momentumBuffer, int* bufferInitialized, double lr, double momentum, double dampening,
        double weightDecay, int nesterov);
}

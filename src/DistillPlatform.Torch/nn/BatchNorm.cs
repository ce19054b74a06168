namespace DistillPlatform.Torch.nn;

/// <summary>
/// Batch normalisation over channel dimension 1 with running statistics (PyTorch's <c>_BatchNorm</c>): training mode
/// normalises with batch statistics and updates <c>running_mean</c>/<c>running_var</c> (momentum 0.1) and
/// <c>num_batches_tracked</c>; eval mode normalises with the running statistics.
/// </summary>
public abstract class BatchNorm : Module<Tensor, Tensor>
{
    private readonly double _eps;
    private readonly double _momentum;
    private readonly int[] _acceptedRanks;

    private protected BatchNorm(long num_features, double eps, double momentum, bool affine, int[] acceptedRanks)
    {
        if (num_features <= 0)
            throw new ArgumentOutOfRangeException(nameof(num_features), num_features, "num_features must be positive.");
        (_eps, _momentum, _acceptedRanks) = (eps, momentum, acceptedRanks);
        if (affine)
        {
            weight = register_parameter(nameof(weight), TensorInterop.Ones(num_features));
            bias = register_parameter(nameof(bias), TensorInterop.Zeros(num_features));
        }
        running_mean = register_buffer(nameof(running_mean), TensorInterop.Zeros(num_features));
        running_var = register_buffer(nameof(running_var), TensorInterop.Ones(num_features));
        num_batches_tracked = register_buffer(nameof(num_batches_tracked), TensorInterop.ScalarInt64(0));
    }

    public Tensor? weight { get; }

    public Tensor? bias { get; }

    public Tensor running_mean { get; }

    public Tensor running_var { get; }

    /// <summary>int64 scalar counting training batches (part of PyTorch's state dict).</summary>
    public Tensor num_batches_tracked { get; }

    public override Tensor forward(Tensor input)
    {
        if (!_acceptedRanks.Contains((int)input.dim()))
            throw new ArgumentException(
                $"{GetType().Name} expects {string.Join(" or ", _acceptedRanks)}-D input; got shape [{string.Join(", ", input.shape)}].", nameof(input));
        if (training)
            TensorInterop.IncrementInPlace(num_batches_tracked);
        return Functional.batch_norm(input, running_mean, running_var, weight, bias, training, _momentum, _eps);
    }
}

/// <summary>Batch norm over [N, C] or [N, C, L] input.</summary>
public sealed class BatchNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(num_features, eps, momentum, affine, [2, 3]);

/// <summary>Batch norm over [N, C, H, W] input.</summary>
public sealed class BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(num_features, eps, momentum, affine, [4]);

using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Data;

/// <summary>
/// A batch of standardised real maps [B, 1, T, D] (float32), their int64 class indices [B] and a bool frame mask [B, T]
/// (false on padding). The tensors live in the dispose scope that was open when the batch was made.
/// </summary>
public sealed record RealBatch(Tensor Features, Tensor Labels, Tensor Mask);

/// <summary>Where the trainer gets real batches from.</summary>
public interface IRealBatchSource
{
    /// <summary>
    /// The next batch, drawn with <paramref name="random"/> (the trainer's resumable generator, so a resumed run draws
    /// the same batches). Every batch must have the same size.
    /// </summary>
    RealBatch NextBatch(Random random);
}

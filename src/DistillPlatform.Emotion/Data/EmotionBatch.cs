using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Data;

/// <summary>
/// A padded mini-batch: <see cref="Features"/> [B, T, D] float32 with T the longest (cropped) utterance of the
/// batch, <see cref="Mask"/> [B, T] bool (true on real frames, false on padding), <see cref="Labels"/> [B] int64.
/// The tensors belong to the dispose scope that was open when the batch was built (or to the batch, which
/// <see cref="Dispose"/> frees when no scope was open).
/// </summary>
public sealed class EmotionBatch : IDisposable
{
    internal EmotionBatch(Tensor features, Tensor mask, Tensor labels, int[] lengths, int[] positions)
    {
        Features = features;
        Mask = mask;
        Labels = labels;
        Lengths = lengths;
        Positions = positions;
    }

    public Tensor Features { get; }

    public Tensor Mask { get; }

    public Tensor Labels { get; }

    /// <summary>Valid frames per row (after cropping).</summary>
    public IReadOnlyList<int> Lengths { get; }

    /// <summary>Position of each row's utterance in the dataset it came from.</summary>
    public IReadOnlyList<int> Positions { get; }

    public int Size => Positions.Count;

    public void Dispose()
    {
        Features.Dispose();
        Mask.Dispose();
        Labels.Dispose();
    }
}

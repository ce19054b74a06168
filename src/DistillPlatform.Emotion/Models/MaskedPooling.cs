using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Models;

/// <summary>Pooling over the time axis that only looks at real frames.</summary>
public static class MaskedPooling
{
    /// <summary>
    /// Mean of <paramref name="frames"/> [B, T, H] over the frames where <paramref name="mask"/> [B, T] is set,
    /// giving [B, H]. Padding is replaced by zeros (not multiplied by zero) before summing, so even non-finite
    /// padding cannot leak into the result or its gradient. A row without any real frame pools to zeros.
    /// </summary>
    public static Tensor Mean(Tensor frames, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(mask);
        long[] frameShape = frames.shape, maskShape = mask.shape;
        if (frameShape.Length != 3 || maskShape.Length != 2 || maskShape[0] != frameShape[0] || maskShape[1] != frameShape[1])
            throw new ArgumentException(
                $"Masked pooling needs frames [B, T, H] and a mask [B, T]; got frames [{string.Join(", ", frameShape)}] and mask [{string.Join(", ", maskShape)}].");
        using var scope = torch.NewDisposeScope();
        var valid = mask.to(ScalarType.Bool);
        var padding = valid.logical_not().unsqueeze(-1);
        var summed = frames.masked_fill(padding, 0).sum(1);
        var counts = valid.sum(1, keepdim: true).to(frames.dtype).clamp_min(1);
        return (summed / counts).MoveToOuterScope();
    }
}

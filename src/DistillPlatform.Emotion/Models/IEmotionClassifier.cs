using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Models;

/// <summary>
/// Anything that maps a padded batch of frame features to class logits: a head being trained, or a frozen
/// checkpoint drawn from the pool (the GAN's softmax-matching loss codes against this shape).
/// </summary>
public interface IEmotionClassifier
{
    /// <summary>Feature dimensions per frame (D) the model expects.</summary>
    int InputDimensions { get; }

    int ClassCount { get; }

    /// <summary>
    /// Logits [B, classes] for <paramref name="features"/> [B, T, D] float32 and <paramref name="mask"/> [B, T]
    /// (bool, or a number where non-zero marks a real frame). Padding frames never influence the result.
    /// </summary>
    Tensor Logits(Tensor features, Tensor mask);
}

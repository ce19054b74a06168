using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Teachers;

/// <summary>
/// A frozen emotion classifier f_θ for the softmax matching loss. Implementations must not train (eval mode, no
/// optimizer step); gradients flow through them into the generator only.
/// </summary>
public interface ISoftmaxTeacher
{
    /// <summary>
    /// Class logits [B, C] for normalised features [B, T, D] and a bool mask [B, T] that is true on real frames and
    /// false on padding. The result lives in the caller's dispose scope.
    /// </summary>
    Tensor Logits(Tensor features, Tensor mask);
}

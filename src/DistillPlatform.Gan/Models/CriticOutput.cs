using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// What the critic says about a batch: the Wasserstein score d(x) [B, 1], the auxiliary class logits d_class(x) [B, C],
/// and the output of each of its convolution blocks (for feature matching), shallowest first.
/// </summary>
public sealed record CriticOutput(Tensor Score, Tensor ClassLogits, IReadOnlyList<Tensor> Features);

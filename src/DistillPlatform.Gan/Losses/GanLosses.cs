using DistillPlatform.Gan.Teachers;
using DistillPlatform.Torch;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Gan.Losses;

/// <summary>
/// The loss terms of the paper's distillation GAN, each unweighted (the trainer applies λ1…λ6 from
/// <see cref="Configuration.GanHyperParameters"/>). d is the critic's Wasserstein head, d_class its class head, g the
/// generator, x a real batch and z = one-hot(y) ⊕ e. Results land in the caller's dispose scope.
/// </summary>
public static class GanLosses
{
    /// <summary>Denominator floor of the diversity ratio, so identical noise pairs give a finite ratio.</summary>
    public const double DiversityEpsilon = 1e-5;

    // L_W (critic) = E[d(g(z))] − E[d(x)]  (WGAN critic loss; its negation estimates the Wasserstein distance).
    public static Tensor WassersteinCriticLoss(Tensor realScores, Tensor fakeScores)
    {
        using var scope = torch.NewDisposeScope();
        return (fakeScores.mean() - realScores.mean()).MoveToOuterScope();
    }

    // L_W (generator) = −E[d(g(z))].
    public static Tensor WassersteinGeneratorLoss(Tensor fakeScores)
    {
        using var scope = torch.NewDisposeScope();
        return (-fakeScores.mean()).MoveToOuterScope();
    }

    // L_GP = E_x̂[(‖∇_x̂ d(x̂)‖₂ − 1)²], x̂ = α·x + (1 − α)·g(z), α ~ U(0, 1) per sample (weighted by λ1 = 10).
    /// <summary>
    /// The gradient penalty with given interpolation weights <paramref name="alpha"/> (shape [B, 1, …, 1]). The input
    /// gradient is taken with create_graph, so backpropagating the result reaches the critic's parameters (double
    /// backward). <paramref name="fake"/> should not carry the generator's graph (generate under no_grad).
    /// </summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> scores, Tensor real, Tensor fake, Tensor alpha)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException(
                $"Real [{string.Join(", ", real.shape)}] and synthetic [{string.Join(", ", fake.shape)}] batches must have the same shape.");
        using var scope = torch.NewDisposeScope();
        var interpolates = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_();
        var gradients = torch.autograd.grad([scores(interpolates).sum()], [interpolates], create_graph: true)[0];
        var norms = gradients.flatten(1).norm([1], p: 2);
        return (norms - 1).pow(2).mean().MoveToOuterScope();
    }

    /// <summary>The gradient penalty with α drawn from U(0, 1) per sample by the torch generator.</summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> scores, Tensor real, Tensor fake)
    {
        using var scope = torch.NewDisposeScope();
        var alphaShape = new long[real.dim()];
        Array.Fill(alphaShape, 1L);
        alphaShape[0] = real.shape[0];
        return GradientPenalty(scores, real, fake, torch.rand(alphaShape)).MoveToOuterScope();
    }

    // L_CE = CE(d_class(·), y): the auxiliary classifier term (λ2 on real maps in the critic, λ3 on synthetic maps).
    public static Tensor ClassificationLoss(Tensor logits, Tensor labels) => F.cross_entropy(logits, labels);

    // L_FM = (1/L) Σ_l mean |E_b[d_l(x)] − E_b[d_l(g(z))]|  (feature matching on the critic's L intermediate maps).
    /// <summary>
    /// Feature matching on batch means (Salimans et al.'s form): each layer's maps are averaged over the batch before
    /// the L1 distance, so the generator matches the statistics of real maps instead of pairing samples that have
    /// nothing to do with each other. The real features are treated as constants.
    /// </summary>
    public static Tensor FeatureMatchingLoss(IReadOnlyList<Tensor> realFeatures, IReadOnlyList<Tensor> fakeFeatures)
    {
        if (realFeatures.Count == 0 || realFeatures.Count != fakeFeatures.Count)
            throw new ArgumentException($"Feature matching needs the same non-zero number of layers; got {realFeatures.Count} real and {fakeFeatures.Count} synthetic.");
        using var scope = torch.NewDisposeScope();
        Tensor? total = null;
        for (int layer = 0; layer < realFeatures.Count; layer++)
        {
            var distance = (realFeatures[layer].detach().mean(0) - fakeFeatures[layer].mean(0)).abs().mean();
            total = total is null ? distance : total + distance;
        }
        return (total! / realFeatures.Count).MoveToOuterScope();
    }

    // L_DIV = −E[min(mean|g(z1) − g(z2)| / mean|e1 − e2|, τ)] over same-class pairs (mode seeking, weighted by λ5).
    /// <summary>
    /// Pair i is (<paramref name="first"/>[i], <paramref name="second"/>[i]) generated for the same class from noise
    /// <paramref name="firstNoise"/>[i] and <paramref name="secondNoise"/>[i]. Only the noise part e enters the
    /// denominator: the one-hot part of z is equal within a pair. The cap τ bounds the reward, so the value lies in [−τ, 0].
    /// </summary>
    public static Tensor DiversityPenalty(Tensor first, Tensor second, Tensor firstNoise, Tensor secondNoise, double cap)
    {
        if (!(cap > 0))
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "The diversity cap τ must be positive.");
        if (!first.shape.SequenceEqual(second.shape) || !firstNoise.shape.SequenceEqual(secondNoise.shape) || first.shape[0] != firstNoise.shape[0])
            throw new ArgumentException("Diversity pairs need equally shaped outputs and equally shaped noise with one noise row per output.");
        using var scope = torch.NewDisposeScope();
        var outputDistance = (first - second).abs().flatten(1).mean([1]);
        var noiseDistance = (firstNoise - secondNoise).abs().flatten(1).mean([1]);
        var ratio = (outputDistance / (noiseDistance + DiversityEpsilon)).clamp(max: cap);
        return (-ratio.mean()).MoveToOuterScope();
    }

    // L_SML = (1/B) Σ_j KL(f_θ(x_j) ‖ f_θ(g(z_j))) with softmax outputs, real and synthetic batches in the same class order.
    public static Tensor SoftmaxMatchingLoss(Tensor realLogits, Tensor fakeLogits)
    {
        if (!realLogits.shape.SequenceEqual(fakeLogits.shape) || realLogits.dim() != 2)
            throw new ArgumentException(
                $"Softmax matching needs real and synthetic logits of the same [B, C] shape; got [{string.Join(", ", realLogits.shape)}] and [{string.Join(", ", fakeLogits.shape)}].");
        using var scope = torch.NewDisposeScope();
        var realLogProbabilities = F.log_softmax(realLogits.detach(), 1);
        var fakeLogProbabilities = F.log_softmax(fakeLogits, 1);
        // kl_div(input, target) = Σ target·(log target − input): the real distribution is the reference.
        return F.kl_div(fakeLogProbabilities, realLogProbabilities, log_target: true, batchmean: true).MoveToOuterScope();
    }

    /// <summary>
    /// L_SML with a frozen <paramref name="teacher"/>: real maps [B, 1, T, D] with their frame mask [B, T] against
    /// synthetic maps of the same classes in the same order (all frames valid). The teacher sees the real batch
    /// without autograd; gradients reach the generator through the synthetic logits.
    /// </summary>
    public static Tensor SoftmaxMatchingLoss(ISoftmaxTeacher teacher, Tensor real, Tensor realMask, Tensor fake)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        using var scope = torch.NewDisposeScope();
        Tensor realLogits;
        using (torch.no_grad())
            realLogits = teacher.Logits(real.squeeze(1), realMask);
        var fakeMask = torch.ones([fake.shape[0], fake.shape[2]], ScalarType.Bool);
        var fakeLogits = teacher.Logits(fake.squeeze(1), fakeMask);
        return SoftmaxMatchingLoss(realLogits, fakeLogits).MoveToOuterScope();
    }
}

using DistillPlatform.Gan.Losses;
using DistillPlatform.Gan.Teachers;
using DistillPlatform.Torch;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Gan.Tests;

/// <summary>Every loss term against PyTorch on the same inputs (values and the gradients that training uses).</summary>
public sealed class GanLossesTests(LossReference reference) : IClassFixture<LossReference>
{
    [Fact]
    public void WassersteinCriticLossMatchesPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        var loss = GanLosses.WassersteinCriticLoss(reference.Float("wasserstein", "real_scores"), reference.Float("wasserstein", "fake_scores"));
        reference.AssertClose("wasserstein", "loss", loss);
    }

    [Fact]
    public void GradientPenaltyValueAndCriticGradientsMatchPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        const string Case = "gradient_penalty";
        var parameters = new[] { "w1", "b1", "w2", "b2" }.ToDictionary(name => name, name => reference.Float(Case, name).requires_grad_());
        Tensor Critic(Tensor x) =>
            F.linear(F.leaky_relu(F.linear(x.flatten(1), parameters["w1"], parameters["b1"]), 0.2), parameters["w2"], parameters["b2"]);

        var penalty = GanLosses.GradientPenalty(Critic, reference.Float(Case, "real"), reference.Float(Case, "fake"), reference.Float(Case, "alpha"));
        penalty.backward();

        reference.AssertClose(Case, "penalty", penalty);
        foreach (var (name, parameter) in parameters)
            reference.AssertClose(Case, $"grad_{name}", parameter.grad ?? torch.zeros_like(parameter));
    }

    [Fact]
    public void GradientPenaltyIsZeroForACriticWithUnitGradientNorm()
    {
        using var scope = torch.NewDisposeScope();
        // d(x) = x · u with ‖u‖ = 1 has input gradient u everywhere: the penalty (‖u‖ − 1)² vanishes.
        var direction = torch.tensor(new float[] { 0.6f, 0f, 0.8f, 0f }, [1, 1, 2, 2]);
        var penalty = GanLosses.GradientPenalty(x => (x * direction).flatten(1).sum(1, keepdim: true), torch.randn(3, 1, 2, 2), torch.randn(3, 1, 2, 2));
        Assert.True(Math.Abs(penalty.item<float>()) < 1e-10, $"penalty {penalty.item<float>()}");
    }

    [Fact]
    public void ClassificationLossMatchesPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        var loss = GanLosses.ClassificationLoss(reference.Float("classification", "logits"), reference.Int64("classification", "labels"));
        reference.AssertClose("classification", "loss", loss);
    }

    [Fact]
    public void FeatureMatchingLossAndGradientMatchPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        const string Case = "feature_matching";
        var real = Enumerable.Range(0, 3).Select(i => reference.Float(Case, $"real{i}")).ToList();
        var fake = Enumerable.Range(0, 3).Select(i => reference.Float(Case, $"fake{i}").requires_grad_()).ToList();
        var loss = GanLosses.FeatureMatchingLoss(real, fake);
        loss.backward();
        reference.AssertClose(Case, "loss", loss);
        for (int i = 0; i < 3; i++)
            reference.AssertClose(Case, $"grad_fake{i}", fake[i].grad!);
    }

    [Fact]
    public void DiversityPenaltyAndGradientMatchPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        const string Case = "diversity";
        var first = reference.Float(Case, "first").requires_grad_();
        var loss = GanLosses.DiversityPenalty(first, reference.Float(Case, "second"), reference.Float(Case, "noise1"), reference.Float(Case, "noise2"),
            reference.Scalar(Case, "tau"));
        loss.backward();
        reference.AssertClose(Case, "loss", loss);
        reference.AssertClose(Case, "grad_first", first.grad!);
    }

    [Fact]
    public void DiversityPenaltyIsBoundedByTheCap()
    {
        using var scope = torch.NewDisposeScope();
        const double Cap = 0.7;
        var output = torch.randn(4, 1, 6, 5);
        var noise1 = torch.randn(4, 10);
        var noise2 = torch.randn(4, 10);
        // Identical outputs for different noise: no diversity at all.
        Assert.Equal(0.0, GanLosses.DiversityPenalty(output, output.clone(), noise1, noise2, Cap).item<float>(), 6);
        // Outputs a million times further apart than the noise: the reward saturates at exactly −τ.
        var far = output + 1e6;
        Assert.Equal(-Cap, GanLosses.DiversityPenalty(output, far, noise1, noise2, Cap).item<float>(), 6);
    }

    [Fact]
    public void SoftmaxMatchingLossAndGradientMatchPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        const string Case = "softmax_matching";
        var fakeLogits = reference.Float(Case, "fake_logits").requires_grad_();
        var loss = GanLosses.SoftmaxMatchingLoss(reference.Float(Case, "real_logits"), fakeLogits);
        loss.backward();
        reference.AssertClose(Case, "loss", loss);
        reference.AssertClose(Case, "grad_fake_logits", fakeLogits.grad!);
    }

    [Fact]
    public void SoftmaxMatchingThroughATeacherMatchesPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        const string Case = "teacher_softmax_matching";
        var teacher = new MaskedMeanLinearTeacher(reference.Float(Case, "weight"), reference.Float(Case, "bias"));
        var fake = reference.Float(Case, "fake").requires_grad_();
        var mask = reference.Float(Case, "mask").to(ScalarType.Bool);
        var loss = GanLosses.SoftmaxMatchingLoss(teacher, reference.Float(Case, "real"), mask, fake);
        loss.backward();
        reference.AssertClose(Case, "loss", loss);
        reference.AssertClose(Case, "grad_fake", fake.grad!);
    }

    [Fact]
    public void SoftmaxMatchingIsZeroForIdenticalInputsAndPositiveOtherwise()
    {
        using var scope = torch.NewDisposeScope();
        var teacher = new MaskedMeanLinearTeacher(torch.randn(4, 6), torch.randn(4));
        var real = torch.randn(3, 1, 5, 6);
        var mask = torch.ones([3, 5], ScalarType.Bool);
        Assert.Equal(0.0, GanLosses.SoftmaxMatchingLoss(teacher, real, mask, real.clone()).item<float>(), 6);
        Assert.True(GanLosses.SoftmaxMatchingLoss(teacher, real, mask, torch.randn(3, 1, 5, 6)).item<float>() > 1e-4);
    }

    [Fact]
    public void LossesRejectMismatchedInputsWithClearErrors()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => GanLosses.SoftmaxMatchingLoss(torch.randn(3, 4), torch.randn(2, 4)));
        Assert.Contains("same [B, C] shape", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GanLosses.DiversityPenalty(torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 4), torch.randn(2, 4), 0));
        Assert.Throws<ArgumentException>(() => GanLosses.FeatureMatchingLoss([torch.randn(2, 3)], []));
        Assert.Throws<ArgumentException>(() => GanLosses.GradientPenalty(x => x.sum(1), torch.randn(2, 3), torch.randn(3, 3)));
    }
}

/// <summary>A frozen test teacher: masked mean of the frames, then a linear map to class logits.</summary>
internal sealed class MaskedMeanLinearTeacher(Tensor weight, Tensor bias) : ISoftmaxTeacher
{
    public Tensor Logits(Tensor features, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var frameWeights = mask.unsqueeze(2).to(ScalarType.Float32);
        var pooled = (features * frameWeights).sum(1) / frameWeights.sum(1);
        return F.linear(pooled, weight, bias).MoveToOuterScope();
    }
}

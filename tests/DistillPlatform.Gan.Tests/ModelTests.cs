using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Models;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

public sealed class ModelTests
{
    public static TheoryData<string, GanArchitecture, UpsamplingMode, int> Shapes => new()
    {
        { "cpu-tiny", GanArchitecture.Cnn, UpsamplingMode.NearestConv, 3 },
        { "cpu-tiny", GanArchitecture.Att, UpsamplingMode.NearestConv, 3 },
        { "cpu-small", GanArchitecture.Cnn, UpsamplingMode.NearestConv, 3 },
        { "cpu-small", GanArchitecture.Cnn, UpsamplingMode.TransposedConv, 3 },
        { "cpu-small", GanArchitecture.Att, UpsamplingMode.NearestConv, 3 },
        { "cpu-small", GanArchitecture.Att, UpsamplingMode.TransposedConv, 3 },
        // The paper's scale at batch 1: only the shapes are checked, to keep CPU time small.
        { "gpu-paper", GanArchitecture.Cnn, UpsamplingMode.NearestConv, 1 },
        { "gpu-paper", GanArchitecture.Att, UpsamplingMode.NearestConv, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratorAndCriticProduceTheConfiguredShapes(string preset, GanArchitecture architecture, UpsamplingMode upsampling, int batch)
    {
        using var scope = torch.NewDisposeScope();
        var config = GanModelConfig.FromPreset(preset, classes: 5, architecture) with { Upsampling = upsampling };
        using var generator = ConditionalGenerator.Create(config);
        using var critic = new Critic(config);
        var labels = torch.tensor(Enumerable.Range(0, batch).Select(i => (long)(i % 5)).ToArray(), [batch]);

        Tensor maps;
        using (torch.no_grad())
            maps = generator.Generate(labels, torch.randn(batch, config.NoiseDimensions));
        Assert.Equal([batch, 1L, config.Frames, config.FeatureDimensions], maps.shape);

        CriticOutput output;
        using (torch.no_grad())
            output = critic.call(maps);
        Assert.Equal([batch, 1L], output.Score.shape);
        Assert.Equal([batch, 5L], output.ClassLogits.shape);
        Assert.Equal(GanModelConfig.CriticLayers, output.Features.Count);
    }

    [Fact]
    public void GeneratorOutputIsUnbounded()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(4);
        using var generator = ConditionalGenerator.Create(TinyGan.Config());
        // Scale the final convolution up: with a tanh at the end the output would stay inside (−1, 1).
        using (torch.no_grad())
            foreach (var (name, parameter) in generator.named_parameters().Where(p => p.name.StartsWith("blocks.2.", StringComparison.Ordinal)))
                parameter.mul_(100);
        var maps = generator.Generate(torch.tensor(new long[] { 0, 1, 2, 0 }, [4]), torch.randn(4, 4));
        Assert.True(maps.abs().max().item<float>() > 1.5f);
    }

    [Fact]
    public void AttentionGeneratorHasOneTimeAttentionAfterTheFourthConvolution()
    {
        using var generator = ConditionalGenerator.Create(GanModelConfig.CpuSmall(4, GanArchitecture.Att));
        var names = generator.named_parameters().Select(p => p.name).ToList();
        Assert.Single(names, name => name.EndsWith("in_proj_weight", StringComparison.Ordinal));
        // Three upsampling blocks and one refinement block precede the attention; one refinement block and the output convolution follow.
        Assert.Equal(4, names.Where(n => n.StartsWith("before_attention.", StringComparison.Ordinal)).Select(n => n.Split('.')[1]).Distinct().Count());
        Assert.Equal(2, names.Where(n => n.StartsWith("after_attention.", StringComparison.Ordinal)).Select(n => n.Split('.')[1]).Distinct().Count());
    }

    [Fact]
    public void TimeSelfAttentionRelatesDistantFrames()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(8);
        using var attention = new TimeSelfAttention(channels: 4, heads: 2);
        var input = torch.randn(1, 4, 16, 5);
        var changed = input.clone();
        using (torch.no_grad())
            changed.narrow(2, 15, 1).add_(torch.randn(1, 4, 1, 5));
        var before = attention.call(input).narrow(2, 0, 1);
        var after = attention.call(changed).narrow(2, 0, 1);
        // A 3×3 convolution would need many layers for frame 15 to reach frame 0; one attention does it directly.
        Assert.True((before - after).abs().max().item<float>() > 1e-4f);
    }

    [Fact]
    public void CriticTreatsEverySampleIndependently()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var critic = new Critic(TinyGan.Config());
        var batch = torch.randn(3, 1, 8, 6);
        var altered = batch.clone();
        using (torch.no_grad())
            altered.narrow(0, 1, 2).mul_(5);
        // No batch statistics: sample 0's score must not depend on the other samples (the gradient penalty relies on it).
        Assert.Equal(critic.call(batch).Score[0].item<float>(), critic.call(altered).Score[0].item<float>());
    }

    [Fact]
    public void InvalidConfigurationsAreRejectedWithTheFieldName()
    {
        var error = Assert.Throws<ArgumentException>(() => (TinyGan.Config(GanArchitecture.Att) with { AttentionHeads = 3 }).Validate());
        Assert.Contains("AttentionHeads", error.Message);
        Assert.Contains("Classes", Assert.Throws<ArgumentException>(() => (TinyGan.Config() with { Classes = 1 }).Validate()).Message);
        Assert.Contains("cpu-small", Assert.Throws<ArgumentException>(() => GanModelConfig.FromPreset("huge", 4)).Message);
        using var scope = torch.NewDisposeScope();
        using var critic = new Critic(TinyGan.Config());
        Assert.Contains("[batch, 1, 8, 6]", Assert.Throws<ArgumentException>(() => critic.call(torch.randn(2, 1, 8, 7))).Message);
    }

    [Fact]
    public void LossPresetsSwitchOnlyDiversityAndSoftmaxMatching()
    {
        Assert.Equal((0.0, 0.0), Weights(GanHyperParameters.FromPreset("baseline")));
        Assert.Equal((1.0, 0.0), Weights(GanHyperParameters.FromPreset("+div")));
        Assert.Equal((0.0, 1.0), Weights(GanHyperParameters.FromPreset("+sml")));
        Assert.Equal((1.0, 1.0), Weights(GanHyperParameters.FromPreset("+div+sml")));
        // Every other setting (λ1–λ4, τ, n_critic, learning rates, betas) is the record's default in every preset.
        foreach (string name in GanHyperParameters.PresetNames)
        {
            var preset = GanHyperParameters.FromPreset(name);
            Assert.Equal(new GanHyperParameters() with { DiversityWeight = preset.DiversityWeight, SoftmaxMatchingWeight = preset.SoftmaxMatchingWeight }, preset);
        }
        Assert.Throws<ArgumentException>(() => GanHyperParameters.FromPreset("+everything"));
        Assert.Throws<ArgumentException>(() => new GanHyperParameters(CriticSteps: 0).Validate());

        static (double, double) Weights(GanHyperParameters p) => (p.DiversityWeight, p.SoftmaxMatchingWeight);
    }
}

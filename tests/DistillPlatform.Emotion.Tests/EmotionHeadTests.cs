using DistillPlatform.Emotion.Models;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Tests;

public sealed class EmotionHeadTests
{
    public static TheoryData<string> HeadTypes => new(HeadConfig.KnownTypes);

    [Theory]
    [MemberData(nameof(HeadTypes))]
    public void Changing_padded_frames_does_not_change_the_logits(string type)
    {
        torch.manual_seed(7);
        using var head = EmotionHead.Create(new HeadConfig(type, HiddenSize: 16, KernelSize: 3), inputDimensions: 5, classCount: 4);
        using var scope = torch.NewDisposeScope();
        var features = torch.randn(3, 6, 5);
        var mask = torch.tensor([true, true, true, true, true, true, true, true, true, false, false, false, true, false, false, false, false, false], [3, 6]);
        var padding = mask.logical_not().unsqueeze(-1);
        var garbage = features.masked_fill(padding, 1e4);

        var clean = head.Logits(features, mask);
        var changed = head.Logits(garbage, mask);

        Assert.True(clean.allclose(changed, rtol: 0, atol: 0), "padded frames leaked into the logits");
    }

    [Theory]
    [MemberData(nameof(HeadTypes))]
    public void An_utterance_gets_the_same_logits_alone_as_in_a_padded_batch(string type)
    {
        torch.manual_seed(8);
        using var head = EmotionHead.Create(new HeadConfig(type, HiddenSize: 16, KernelSize: 3), inputDimensions: 5, classCount: 4);
        using var scope = torch.NewDisposeScope();
        var batch = torch.randn(2, 7, 5);
        var mask = torch.tensor([true, true, true, true, true, true, true, true, true, true, false, false, false, false], [2, 7]);

        var batched = head.Logits(batch, mask);
        var alone = head.Logits(batch.narrow(0, 1, 1).narrow(1, 0, 3).contiguous(), torch.ones([1, 3], dtype: ScalarType.Bool));

        Assert.True(batched.narrow(0, 1, 1).allclose(alone, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [MemberData(nameof(HeadTypes))]
    public void Embedding_and_logits_have_the_documented_shapes(string type)
    {
        torch.manual_seed(9);
        using var head = EmotionHead.Create(new HeadConfig(type, HiddenSize: 12, KernelSize: 5), inputDimensions: 6, classCount: 3);
        using var scope = torch.NewDisposeScope();
        var features = torch.randn(4, 9, 6);
        var mask = torch.ones([4, 9], dtype: ScalarType.Bool);

        Assert.Equal([4L, 9, 12], head.ForwardEmbedding(features, mask).shape);
        Assert.Equal([4L, 3], head.Logits(features, mask).shape);
    }

    [Fact]
    public void The_superb_head_is_a_projector_then_a_classifier_like_s3prl()
    {
        torch.manual_seed(10);
        using var head = EmotionHead.Create(HeadConfig.Default, inputDimensions: 80, classCount: 4);

        var shapes = head.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);

        Assert.Equal(["projector.weight", "projector.bias", "classifier.weight", "classifier.bias"], shapes.Keys);
        Assert.Equal([256L, 80], shapes["projector.weight"]);
        Assert.Equal([4L, 256], shapes["classifier.weight"]);
    }

    [Fact]
    public void Masked_mean_averages_only_real_frames()
    {
        using var scope = torch.NewDisposeScope();
        var frames = torch.tensor([1f, 2, 3, float.NaN, 10, 20, float.PositiveInfinity, 5], [2, 2, 2]);
        var mask = torch.tensor([1f, 0, 1, 1], [2, 2]);

        var pooled = MaskedPooling.Mean(frames, mask);

        // Row 0 keeps frame 0 only (its NaN frame is padding); row 1 averages both frames: ((10 + inf) / 2, (20 + 5) / 2).
        Assert.Equal([1f, 2], pooled.narrow(0, 0, 1).ToArray<float>());
        Assert.Equal(float.PositiveInfinity, pooled.ToArray<float>()[2]);
        Assert.Equal(12.5f, pooled.ToArray<float>()[3]);
    }

    [Fact]
    public void Wrong_input_and_unknown_head_types_are_explained()
    {
        var unknown = Assert.Throws<ArgumentException>(() => EmotionHead.Create(new HeadConfig("transformer"), 8, 4));
        Assert.Contains("superb-emotion", unknown.Message);
        Assert.Throws<ArgumentException>(() => EmotionHead.Create(new HeadConfig(HeadConfig.TemporalConv, KernelSize: 4), 8, 4));

        using var head = EmotionHead.Create(HeadConfig.Default, 8, 4);
        using var scope = torch.NewDisposeScope();
        var wrongDims = Assert.Throws<ArgumentException>(() => head.Logits(torch.zeros(2, 3, 5), torch.ones([2, 3])));
        Assert.Contains("[B, T, 8]", wrongDims.Message);
    }
}

using System.Globalization;
using System.Text.Json;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Tests;

public sealed class ClassWeightedLossParityTests
{
    [Fact]
    public void Superb_head_forward_weighted_loss_and_gradients_match_pytorch()
    {
        // A fixed batch of three utterances (7, 4 and 2 frames of 6 dims); padding is filled with large values
        // so that any padding leak would show up as a mismatch.
        var random = new Random(42);
        long[] lengths = [7, 4, 2];
        const int dims = 6;
        var values = Enumerable.Range(0, (int)lengths.Sum() * dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var data = EmotionDataset.FromFeatureData(new FeatureData(dims, ["u0", "u1", "u2"], lengths, [0, 2, 1], [-1, -1, -1], values),
            ["neutral", "happy", "angry"], []);
        float[] weights = [0.5f, 2.0f, 1.25f];

        torch.manual_seed(3);
        using var head = EmotionHead.Create(new HeadConfig(HeadConfig.SuperbEmotion, HiddenSize: 32), dims, 3);
        using var scope = torch.NewDisposeScope();
        var batch = data.Batch([0, 1, 2]);
        var padding = batch.Mask.logical_not().unsqueeze(-1);
        var features = batch.Features.masked_fill(padding, 50f);
        var weightTensor = torch.tensor(weights);

        var logits = head.Logits(features, batch.Mask);
        var weighted = EmotionTrainer.Loss(head, features, batch.Mask, batch.Labels, weightTensor);
        var unweighted = EmotionTrainer.Loss(head, features, batch.Mask, batch.Labels);
        weighted.backward();

        var reference = JsonDocument.Parse(PythonTorch.Run("superb_head_reference.py", JsonSerializer.Serialize(new
        {
            features = Dump(features),
            mask = batch.Mask.ToArray<bool>(),
            labels = batch.Labels.ToArray<long>(),
            weights,
            parameters = head.state_dict().ToDictionary(e => e.Key, e => Dump(e.Value)),
        }))).RootElement;

        AssertClose(reference.GetProperty("logits"), logits, "logits");
        AssertClose(reference.GetProperty("weighted_loss").GetDouble(), weighted.item<float>(), "weighted loss");
        AssertClose(reference.GetProperty("unweighted_loss").GetDouble(), unweighted.item<float>(), "unweighted loss");
        Assert.True(Math.Abs(weighted.item<float>() - unweighted.item<float>()) > 1e-3, "the class weights did not change the loss");
        foreach (var (name, parameter) in head.named_parameters())
            AssertClose(reference.GetProperty("gradients").GetProperty(name), parameter.grad!, $"gradient of {name}");
    }

    private static object Dump(Tensor tensor) => new { shape = tensor.shape, values = tensor.detach().ToArray<float>() };

    private static void AssertClose(JsonElement expected, Tensor actual, string label)
    {
        long[] shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(shape, actual.shape);
        double[] values = expected.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        float[] actualValues = actual.detach().ToArray<float>();
        for (int i = 0; i < values.Length; i++)
            AssertClose(values[i], actualValues[i], $"{label}[{i}]");
    }

    private static void AssertClose(double expected, double actual, string label) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 + 1e-5 * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{label}: {actual}, PyTorch has {expected}"));
}

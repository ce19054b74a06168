using System.Globalization;
using System.Text.Json;
using DistillPlatform.Gan.Losses;
using DistillPlatform.Gan.Models;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

/// <summary>
/// The whole critic (convolutions, per-sample layer norm, heads) and the gradient penalty through it, including its
/// double backward into every critic parameter, against the same network written in plain PyTorch.
/// </summary>
public sealed class CriticReferenceTests : IDisposable
{
    private readonly string _inputFile = Path.Combine(Path.GetTempPath(), $"critic-reference-{Guid.NewGuid():N}.json");

    [Fact]
    public void CriticOutputsAndGradientPenaltyGradientsMatchPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(21);
        using var critic = new Critic(TinyGan.Config());
        // Perturb the layer-norm affines away from (1, 0) so their gradients are exercised in general position.
        using (torch.no_grad())
            foreach (var (name, parameter) in critic.named_parameters().Where(p => p.name.Contains(".1.", StringComparison.Ordinal)))
                parameter.add_(torch.randn(parameter.shape) * 0.1);
        var real = torch.randn(3, 1, 8, 6);
        var fake = torch.randn(3, 1, 8, 6) * 0.5;
        var alpha = torch.rand(3, 1, 1, 1);

        var output = critic.call(real);
        var penalty = GanLosses.GradientPenalty(x => critic.call(x).Score, real, fake, alpha);
        penalty.backward();

        File.WriteAllText(_inputFile, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["state"] = critic.state_dict().ToDictionary(e => e.Key, e => Encode(e.Value)),
            ["real"] = Encode(real),
            ["fake"] = Encode(fake),
            ["alpha"] = Encode(alpha),
        }));
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "critic_reference.py");
        using var expected = JsonDocument.Parse(ReferencePython.Run(script, _inputFile));

        AssertClose(expected.RootElement.GetProperty("score"), output.Score, "score");
        AssertClose(expected.RootElement.GetProperty("logits"), output.ClassLogits, "logits");
        AssertClose(expected.RootElement.GetProperty("penalty"), penalty, "penalty");
        foreach (var (name, parameter) in critic.named_parameters())
            AssertClose(expected.RootElement.GetProperty($"grad.{name}"), parameter.grad ?? torch.zeros_like(parameter), $"grad.{name}");
    }

    private static object Encode(Tensor tensor)
    {
        using var values = tensor.detach().to(ScalarType.Float64);
        return new { shape = tensor.shape, values = values.ToArray<double>() };
    }

    /// <summary>Float32 kernels in a different order: 1e-4 relative plus an absolute floor scaled to the tensor's size.</summary>
    private static void AssertClose(JsonElement expected, Tensor actual, string label)
    {
        var shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.True(shape.SequenceEqual(actual.shape), $"{label}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", shape)}]");
        var reference = expected.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        using var asDouble = actual.detach().to(ScalarType.Float64);
        var values = asDouble.ToArray<double>();
        double scale = reference.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - reference[i]) <= 1e-4 * Math.Abs(reference[i]) + 1e-5 * scale + 1e-7,
                string.Create(CultureInfo.InvariantCulture, $"{label}[{i}] is {values[i]}, PyTorch has {reference[i]}"));
    }

    public void Dispose() => File.Delete(_inputFile);
}

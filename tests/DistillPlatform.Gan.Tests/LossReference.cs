using System.Globalization;
using System.Text.Json;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

/// <summary>
/// Runs Reference/gan_losses_reference.py once per test run with /usr/bin/python3 (PyTorch 1.13): it draws the inputs,
/// computes every loss and gradient with plain PyTorch and prints them as JSON. Tests rebuild the inputs as tensors
/// and compare what DistillPlatform.Gan computes with PyTorch's numbers.
/// </summary>
public sealed class LossReference
{
    private readonly Dictionary<string, Dictionary<string, (long[] Shape, double[] Values)>> _cases = [];

    public LossReference()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "gan_losses_reference.py");
        using var document = JsonDocument.Parse(ReferencePython.Run(script));
        foreach (var testCase in document.RootElement.EnumerateObject())
        {
            var tensors = new Dictionary<string, (long[], double[])>();
            foreach (var tensor in testCase.Value.EnumerateObject())
                tensors[tensor.Name] = (
                    tensor.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                    tensor.Value.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray());
            _cases[testCase.Name] = tensors;
        }
    }

    /// <summary>A float32 tensor of case <paramref name="testCase"/> (in the caller's dispose scope).</summary>
    public Tensor Float(string testCase, string name)
    {
        var (shape, values) = _cases[testCase][name];
        return torch.tensor(values.Select(v => (float)v).ToArray(), shape);
    }

    /// <summary>An int64 tensor (class labels) of case <paramref name="testCase"/>.</summary>
    public Tensor Int64(string testCase, string name)
    {
        var (shape, values) = _cases[testCase][name];
        return torch.tensor(values.Select(v => (long)v).ToArray(), shape);
    }

    public double Scalar(string testCase, string name) => _cases[testCase][name].Values.Single();

    /// <summary>Asserts <paramref name="actual"/> has PyTorch's shape and values within 1e-5 relative + 1e-6 absolute.</summary>
    public void AssertClose(string testCase, string name, Tensor actual)
    {
        var (shape, expected) = _cases[testCase][name];
        Assert.True(shape.SequenceEqual(actual.shape), $"{testCase}.{name}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", shape)}]");
        using var asDouble = actual.detach().to(ScalarType.Float64);
        var values = asDouble.ToArray<double>();
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= 1e-6 + 1e-5 * Math.Abs(expected[i]),
                string.Create(CultureInfo.InvariantCulture, $"{testCase}.{name}[{i}] is {values[i]}, PyTorch has {expected[i]}"));
    }

}

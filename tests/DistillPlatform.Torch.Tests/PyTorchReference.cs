using System.Globalization;
using System.Text.Json;
using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>One tensor computed by PyTorch: its shape, dtype name ("float32", "int64", "bool" ...) and values.</summary>
public sealed record ReferenceTensor(long[] Shape, string DType, double[] Values);

/// <summary>What PyTorch produced for one case: its outputs and, for differentiable cases, input gradients.</summary>
public sealed record ReferenceCase(IReadOnlyList<ReferenceTensor> Outputs, IReadOnlyList<string> GradientInputs, IReadOnlyList<ReferenceTensor> Gradients);

/// <summary>
/// Runs Reference/torch_reference.py once with /usr/bin/python3 (PyTorch 1.13) on inputs generated here, and keeps
/// its results for every parity test of the class using this fixture. One Python process per test run because
/// importing torch takes seconds.
/// </summary>
public sealed class PyTorchReference : IDisposable
{

    private readonly Dictionary<string, Tensor> inputs;

    public PyTorchReference()
    {
        var random = new Random(20241121);
        var data = new Dictionary<string, (long[] Shape, float[] Values)>
        {
            ["a"] = Uniform(random, [3, 4], -1, 1),
            ["b"] = Uniform(random, [3, 4], -1, 1),
            ["c"] = Uniform(random, [4, 5], -1, 1),
            ["v4"] = Uniform(random, [4], -1, 1),
            ["p"] = Uniform(random, [3, 4], 0.2, 2),
            ["batch_a"] = Uniform(random, [2, 3, 4], -1, 1),
            ["batch_b"] = Uniform(random, [2, 4, 5], -1, 1),
            ["x"] = Uniform(random, [5, 3], -1, 1),
            ["w1"] = Uniform(random, [3, 6], -1, 1),
            ["w2"] = Uniform(random, [6, 1], -1, 1),
        };
        Cases = RunPython(data);
        inputs = data.ToDictionary(
            pair => pair.Key,
            pair => torch.tensor(pair.Value.Values, pair.Value.Shape).DetachFromDisposeScope());
    }

    public IReadOnlyDictionary<string, ReferenceCase> Cases { get; }

    /// <summary>Fresh copies of the shared inputs; the named ones require grad.</summary>
    public Dictionary<string, Tensor> FreshInputs(IEnumerable<string> requiringGrad)
    {
        var copies = inputs.ToDictionary(pair => pair.Key, pair => pair.Value.clone());
        foreach (var name in requiringGrad)
        {
            copies[name].requires_grad_();
        }

        return copies;
    }

    public void Dispose()
    {
        foreach (var tensor in inputs.Values)
        {
            tensor.Dispose();
        }
    }

    private static (long[] Shape, float[] Values) Uniform(Random random, long[] shape, double low, double high)
    {
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(low + (high - low) * random.NextDouble());
        }

        return (shape, values);
    }

    private static Dictionary<string, ReferenceCase> RunPython(Dictionary<string, (long[] Shape, float[] Values)> data)
    {
        var inputFile = Path.Combine(Path.GetTempPath(), $"torch-reference-{Guid.NewGuid():N}.json");
        var json = JsonSerializer.Serialize(data.ToDictionary(
            pair => pair.Key,
            pair => new { shape = pair.Value.Shape, values = pair.Value.Values.Select(v => (double)v) }));
        File.WriteAllText(inputFile, json);
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Reference", "torch_reference.py");
            var output = ReferencePython.Run(script, inputFile);
            return Parse(output);
        }
        finally
        {
            File.Delete(inputFile);
        }
    }

    private static Dictionary<string, ReferenceCase> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var cases = new Dictionary<string, ReferenceCase>();
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var outputs = entry.Value.GetProperty("outputs").EnumerateArray().Select(ParseTensor).ToList();
            var gradients = entry.Value.TryGetProperty("gradients", out var g) ? g.EnumerateArray().Select(ParseTensor).ToList() : [];
            var names = entry.Value.TryGetProperty("gradient_inputs", out var n) ? n.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            cases[entry.Name] = new ReferenceCase(outputs, names, gradients);
        }

        return cases;
    }

    private static ReferenceTensor ParseTensor(JsonElement element) => new(
        element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
        element.GetProperty("dtype").GetString()!,
        element.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray());

    /// <summary>Asserts shape, dtype and values (within 1e-5 relative, 1e-6 absolute) of a C# tensor against PyTorch's.</summary>
    public static void AssertClose(ReferenceTensor expected, Tensor actual, string label)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.shape),
            $"{label}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", expected.Shape)}]");
        Assert.Equal(expected.DType, DTypeName(actual.dtype));
        using var asDouble = actual.detach().to(ScalarType.Float64);
        var values = asDouble.ToArray<double>();
        for (var i = 0; i < values.Length; i++)
        {
            var tolerance = 1e-6 + 1e-5 * Math.Abs(expected.Values[i]);
            Assert.True(Math.Abs(values[i] - expected.Values[i]) <= tolerance,
                string.Create(CultureInfo.InvariantCulture, $"{label}: element {i} is {values[i]}, PyTorch has {expected.Values[i]}"));
        }
    }

    private static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Bool => "bool",
        ScalarType.UInt8 => "uint8",
        _ => type.ToString(),
    };
}

using DistillPlatform.Torch.nn;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Runs Reference/ModuleReference.py once per test run with /usr/bin/python3 (PyTorch 1.13). It writes one
/// safetensors file per parity case (inputs, initial weights, PyTorch's outputs and gradients) into a temporary
/// folder; the nn / functional / optim / state-dict tests read those files. Python writes them with its own
/// hand-written safetensors code, so every load here also checks Python → C# interoperability.
/// </summary>
public sealed class ModuleReferenceFixture : IDisposable
{

    public ModuleReferenceFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"nn-reference-{Guid.NewGuid():N}");
        RunScript("generate", Directory);
    }

    /// <summary>Folder holding CASE.safetensors files.</summary>
    public string Directory { get; }

    /// <summary>Path of one case file; fails clearly when the script did not produce it.</summary>
    public string CasePath(string caseName)
    {
        var path = Path.Combine(Directory, caseName + ".safetensors");
        Assert.True(File.Exists(path), $"ModuleReference.py wrote no case '{caseName}' into {Directory}.");
        return path;
    }

    /// <summary>All tensors of one case file; the caller disposes them (or lets a dispose scope do it).</summary>
    public Dictionary<string, Tensor> Load(string caseName) => StateDictFile.Load(CasePath(caseName));

    /// <summary>Runs the reference script with the given arguments and returns its standard output.</summary>
    public static string RunScript(params string[] arguments) =>
        ReferencePython.Run(ReferencePython.BundledScript("ModuleReference.py"), arguments);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// Every test class that reads PyTorch reference files shares one Python run. The collection runs alone: several of
/// its tests compare sequences drawn from libtorch's process-wide generator after torch.manual_seed (default
/// initialisation, dropout masks), and tests on other threads drawing random numbers meanwhile would shift them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ModuleReferenceCollection : ICollectionFixture<ModuleReferenceFixture>
{
    public const string Name = "PyTorch nn reference";
}

/// <summary>Element-wise comparison with PyTorch results.</summary>
internal static class ModuleAssert
{
    /// <summary>Parity tolerance: 1e-5 relative, with an absolute floor of 1e-6 of the tensor's scale for values near zero.</summary>
    private const double RelativeTolerance = 1e-5;

    public static void Close(Tensor expected, Tensor? actual, string what)
    {
        Assert.NotNull(actual);
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}] differs from PyTorch's [{string.Join(", ", expected.shape)}].");
        var want = Values(expected);
        var got = Values(actual);
        double scale = want.Length == 0 ? 0 : want.Max(Math.Abs);
        double floor = 1e-6 * Math.Max(scale, 1e-3);
        for (int i = 0; i < want.Length; i++)
        {
            double allowed = RelativeTolerance * Math.Abs(want[i]) + floor;
            Assert.True(Math.Abs(got[i] - want[i]) <= allowed,
                $"{what}[{i}]: got {got[i]:R}, PyTorch {want[i]:R} (allowed difference {allowed:E2}).");
        }
    }

    public static void Exact(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape mismatch.");
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(Values(expected), Values(actual));
    }

    private static double[] Values(Tensor tensor)
    {
        using var detached = tensor.detach();
        using var asDouble = detached.to(ScalarType.Float64);
        return asDouble.ToArray<double>();
    }
}

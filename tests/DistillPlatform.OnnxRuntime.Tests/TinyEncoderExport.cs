using System.Diagnostics;
using System.Text.Json;

namespace DistillPlatform.OnnxRuntime.Tests;

/// <summary>
/// Runs scripts/export_hubert_like_encoder.py once per test run into a temporary folder: a small HuBERT-like model exported
/// by PyTorch to ONNX, test waveforms, and PyTorch's own outputs for them (the independent reference).
/// </summary>
public sealed class TinyEncoderExport : IDisposable
{
    private const string Python = "/usr/bin/python3";

    public TinyEncoderExport()
    {
        Directory = Path.Combine(Path.GetTempPath(), "distill-onnx-tests-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(FindRepositoryRoot(), "scripts", "export_hubert_like_encoder.py");
        RunPython(script, "--out-dir", Directory);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "manifest.json")));
        var root = manifest.RootElement;
        OutputNames = root.GetProperty("output_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Dimensions = root.GetProperty("dims").GetInt32();
        SamplesPerFrame = root.GetProperty("samples_per_frame").GetInt32();
        Sha256 = root.GetProperty("sha256").GetString()!;
        Cases = root.GetProperty("cases").EnumerateObject().ToDictionary(
            c => c.Name,
            c => new ExportCase(
                c.Value.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                c.Value.GetProperty("output_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()));
    }

    public string Directory { get; }

    public string ModelPath => Path.Combine(Directory, "model.onnx");

    public IReadOnlyList<string> OutputNames { get; }

    public int Dimensions { get; }

    public int SamplesPerFrame { get; }

    /// <summary>SHA-256 of model.onnx as hex, computed by Python's hashlib.</summary>
    public string Sha256 { get; }

    public IReadOnlyDictionary<string, ExportCase> Cases { get; }

    public float[] Input(string caseName) => ReadFloats($"{caseName}.input.f32");

    /// <summary>PyTorch's output <paramref name="outputName"/> ("hidden_state_1", or "mean" for the mean of all).</summary>
    public float[] Expected(string caseName, string outputName) => ReadFloats($"{caseName}.{outputName}.f32");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private float[] ReadFloats(string fileName)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, fileName));
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No DistillPlatform.sln above {AppContext.BaseDirectory}.");
    }

    private static void RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Python} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }
}

/// <summary>Shapes of one exported test case.</summary>
public sealed record ExportCase(long[] InputShape, long[] OutputShape);

[CollectionDefinition(Name)]
public sealed class TinyEncoderCollection : ICollectionFixture<TinyEncoderExport>
{
    public const string Name = "tiny encoder export";
}

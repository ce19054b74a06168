using System.Text.Json;

namespace DistillPlatform.Testing.Reference;

/// <summary>
/// Runs scripts/export_hubert_like_encoder.py once per test run into a temporary folder: a small HuBERT-like model exported
/// by PyTorch to ONNX, test waveforms, and PyTorch's own outputs for them (the independent reference).
/// </summary>
public sealed class TinyEncoderExport : IDisposable
{
    public TinyEncoderExport()
    {
        Directory = Path.Combine(Path.GetTempPath(), "distill-onnx-tests-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "export_hubert_like_encoder.py");
        ReferencePython.Run(script, "--out-dir", Directory);
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

    /// <summary>Frames PyTorch produced for case <paramref name="caseName"/>.</summary>
    public int OutputFrames(string caseName) => checked((int)Cases[caseName].OutputShape[1]);

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
}

/// <summary>Shapes of one exported test case.</summary>
public sealed record ExportCase(long[] InputShape, long[] OutputShape);

using System.Diagnostics;
using System.Text.Json;
using DistillPlatform.Features.Encoders;
using DistillPlatform.OnnxRuntime;

namespace DistillPlatform.Features.Tests.Encoders;

/// <summary>
/// Runs <see cref="OnnxFrameEncoder"/> on a small HuBERT-like model that scripts/export_hubert_like_encoder.py exports with
/// PyTorch at test time, and compares the features with PyTorch's own outputs.
/// </summary>
public sealed class OnnxFrameEncoderTests : IClassFixture<OnnxFrameEncoderTests.TinyEncoderExport>
{
    private const float Tolerance = 1e-4f;
    private static readonly OnnxFrameEncoderOptions SingleThreaded = new()
    {
        Session = new OnnxSessionOptions { IntraOpThreads = 1 },
        LoggingLevel = OnnxLoggingLevel.Error,
    };

    private readonly TinyEncoderExport _export;

    public OnnxFrameEncoderTests(TinyEncoderExport export)
    {
        _export = export;
    }

    [Fact]
    public void Selected_hidden_state_matches_pytorch()
    {
        using var encoder = new OnnxFrameEncoder(
            _export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByName("hidden_state_2") });

        var features = encoder.Encode(_export.SingleWaveform);

        Assert.Equal(_export.SingleFrames, features.Frames);
        Assert.Equal(_export.Dimensions, features.Dimensions);
        AssertClose(_export.Expected("hidden_state_2"), features.Values);
    }

    [Fact]
    public void Output_chosen_by_index_matches_pytorch()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByIndex(1) });

        AssertClose(_export.Expected("hidden_state_1"), encoder.Encode(_export.SingleWaveform).Values);
    }

    [Fact]
    public void Mean_of_all_hidden_states_matches_pytorch()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOfAll });

        var features = encoder.Encode(_export.SingleWaveform);

        Assert.Equal(_export.SingleFrames, features.Frames);
        AssertClose(_export.Expected("mean"), features.Values);
    }

    [Fact]
    public void Mean_of_two_hidden_states_is_their_element_wise_average()
    {
        using var encoder = new OnnxFrameEncoder(
            _export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOf("hidden_state_2", "hidden_state_0") });
        var first = _export.Expected("hidden_state_0");
        var last = _export.Expected("hidden_state_2");

        var features = encoder.Encode(_export.SingleWaveform);

        AssertClose(first.Zip(last, (a, b) => (a + b) / 2).ToArray(), features.Values);
    }

    [Fact]
    public void Geometry_is_measured_from_the_model()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded);

        Assert.Equal(16000, encoder.SampleRate);
        Assert.Equal(_export.Dimensions, encoder.Dimensions);
        // The convolution strides multiply to samples_per_frame (320), so 16000 / 320 = 50 frames per second.
        Assert.Equal(16000.0 / _export.SamplesPerFrame, encoder.FrameRateHz);
        Assert.Equal(OnnxExecutionProvider.Cpu, encoder.ExecutionProvider);
    }

    [Fact]
    public void Configured_frame_rate_is_kept()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { FrameRateHz = 49.5 });

        Assert.Equal(49.5, encoder.FrameRateHz);
        Assert.Equal(_export.Dimensions, encoder.Dimensions);
    }

    [Fact]
    public void Id_names_the_model_hash_and_the_output_selection()
    {
        var copy = Path.Combine(_export.Directory, "copy-of-model.onnx");
        File.Copy(_export.ModelPath, copy, overwrite: true);
        var hashPrefix = _export.Sha256[..16];

        using var last = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByName("hidden_state_2") });
        using var sameByIndex = new OnnxFrameEncoder(copy, SingleThreaded with { Output = OnnxOutputSelection.ByIndex(2) });
        using var meanAll = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOfAll });
        using var meanTwo = new OnnxFrameEncoder(
            _export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOf("hidden_state_0", "hidden_state_1") });

        Assert.Equal($"onnx-{hashPrefix}-hidden_state_2", last.Id);
        Assert.Equal(last.Id, sameByIndex.Id);
        Assert.Equal($"onnx-{hashPrefix}-mean-all", meanAll.Id);
        Assert.Equal($"onnx-{hashPrefix}-mean-hidden_state_0+hidden_state_1", meanTwo.Id);
    }

    [Fact]
    public void Unknown_output_name_lists_the_model_outputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new OnnxFrameEncoder(
            _export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByName("last_hidden_state") }));

        Assert.Contains("'last_hidden_state'", error.Message);
        Assert.Contains("hidden_state_0, hidden_state_1, hidden_state_2", error.Message);
    }

    [Fact]
    public void Output_index_out_of_range_is_reported()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByIndex(3) }));

        Assert.Contains("index 3", error.Message);
    }

    [Fact]
    public void Missing_model_file_is_reported_with_its_path()
    {
        var missing = Path.Combine(_export.Directory, "missing.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxFrameEncoder(missing, SingleThreaded));

        Assert.Equal(missing, error.FileName);
    }

    [Fact]
    public void Corrupt_model_file_is_rejected_by_onnx_runtime()
    {
        var corrupt = Path.Combine(_export.Directory, "corrupt.onnx");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(_export.ModelPath)[..1000]);

        var error = Assert.Throws<OnnxRuntimeException>(() => new OnnxFrameEncoder(corrupt, SingleThreaded));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
    }

    [Fact]
    public void Empty_and_too_short_waveforms_are_rejected()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded);

        Assert.Throws<ArgumentException>(() => encoder.Encode([]));
        // 100 samples are fewer than the first convolution's kernel needs after the strided layers: ORT refuses.
        Assert.Throws<OnnxRuntimeException>(() => encoder.Encode(new float[100]));
    }

    [Fact]
    public void Non_positive_configured_frame_rate_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { FrameRateHz = 0 }));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= Tolerance, $"largest difference from PyTorch is {worst}, above {Tolerance}");
    }

    /// <summary>Exports the tiny encoder once for this class with /usr/bin/python3 (torch) into a temporary folder.</summary>
    public sealed class TinyEncoderExport : IDisposable
    {
        public TinyEncoderExport()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("distill-onnx-encoder-").FullName;
            var script = Path.Combine(FindRepositoryRoot(), "scripts", "export_hubert_like_encoder.py");
            RunPython(script, "--out-dir", Directory);

            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "manifest.json")));
            var root = manifest.RootElement;
            Dimensions = root.GetProperty("dims").GetInt32();
            SamplesPerFrame = root.GetProperty("samples_per_frame").GetInt32();
            Sha256 = root.GetProperty("sha256").GetString()!;
            SingleFrames = root.GetProperty("cases").GetProperty("single").GetProperty("output_shape")[1].GetInt32();
            SingleWaveform = ReadFloats("single.input.f32");
        }

        public string Directory { get; }

        public string ModelPath => Path.Combine(Directory, "model.onnx");

        public int Dimensions { get; }

        public int SamplesPerFrame { get; }

        public string Sha256 { get; }

        /// <summary>A one-utterance waveform and the frame count PyTorch produced for it.</summary>
        public float[] SingleWaveform { get; }

        public int SingleFrames { get; }

        /// <summary>PyTorch's [1, frames, dims] output for <see cref="SingleWaveform"/>, or "mean" of all of them.</summary>
        public float[] Expected(string output) => ReadFloats($"single.{output}.f32");

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
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"python3 {string.Join(' ', arguments)} did not finish within 2 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"python3 {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
            }
        }
    }
}

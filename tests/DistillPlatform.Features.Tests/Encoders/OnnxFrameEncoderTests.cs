using DistillPlatform.Features.Encoders;
using DistillPlatform.OnnxRuntime;
using DistillPlatform.Testing.Reference;

namespace DistillPlatform.Features.Tests.Encoders;

/// <summary>
/// Runs <see cref="OnnxFrameEncoder"/> on a small HuBERT-like model that scripts/export_hubert_like_encoder.py exports with
/// PyTorch at test time, and compares the features with PyTorch's own outputs.
/// </summary>
public sealed class OnnxFrameEncoderTests : IClassFixture<TinyEncoderExport>
{
    private const float Tolerance = 1e-4f;
    private const string SingleCase = "single";
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

        var features = encoder.Encode(_export.Input(SingleCase));

        Assert.Equal(_export.OutputFrames(SingleCase), features.Frames);
        Assert.Equal(_export.Dimensions, features.Dimensions);
        AssertClose(_export.Expected(SingleCase, "hidden_state_2"), features.Values);
    }

    [Fact]
    public void Output_chosen_by_index_matches_pytorch()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.ByIndex(1) });

        AssertClose(_export.Expected(SingleCase, "hidden_state_1"), encoder.Encode(_export.Input(SingleCase)).Values);
    }

    [Fact]
    public void Mean_of_all_hidden_states_matches_pytorch()
    {
        using var encoder = new OnnxFrameEncoder(_export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOfAll });

        var features = encoder.Encode(_export.Input(SingleCase));

        Assert.Equal(_export.OutputFrames(SingleCase), features.Frames);
        AssertClose(_export.Expected(SingleCase, "mean"), features.Values);
    }

    [Fact]
    public void Mean_of_two_hidden_states_is_their_element_wise_average()
    {
        using var encoder = new OnnxFrameEncoder(
            _export.ModelPath, SingleThreaded with { Output = OnnxOutputSelection.MeanOf("hidden_state_2", "hidden_state_0") });
        var first = _export.Expected(SingleCase, "hidden_state_0");
        var last = _export.Expected(SingleCase, "hidden_state_2");

        var features = encoder.Encode(_export.Input(SingleCase));

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
}

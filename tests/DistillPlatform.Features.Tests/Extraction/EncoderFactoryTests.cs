using DistillPlatform.Features.Encoders;
using DistillPlatform.Features.Extraction;

namespace DistillPlatform.Features.Tests.Extraction;

public class EncoderFactoryTests
{
    [Fact]
    public void The_default_spec_is_the_80_bin_log_mel_encoder()
    {
        using IFrameEncoder encoder = EncoderFactory.Create(EncoderSpec.DefaultLogMel);

        Assert.IsType<LogMelEncoder>(encoder);
        Assert.Equal("logmel-80-25ms-10ms", encoder.Id);
        Assert.Equal("mel_bins=80,window=25ms,hop=10ms,fft=512,sample_rate=16000", EncoderFactory.DescribeConfig(EncoderSpec.DefaultLogMel, encoder));
    }

    [Fact]
    public void Log_mel_settings_carry_through()
    {
        var spec = EncoderSpec.ForLogMel(new LogMelSettings(MelBins: 40, HopMilliseconds: 20));
        using IFrameEncoder encoder = EncoderFactory.Create(spec);

        Assert.Equal(40, encoder.Dimensions);
        Assert.Equal(50, encoder.FrameRateHz);
    }

    [Fact]
    public void A_missing_onnx_model_is_a_clear_file_not_found_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");

        var error = Assert.Throws<FileNotFoundException>(() => EncoderFactory.Create(EncoderSpec.ForOnnx(missing)));

        Assert.Equal(missing, error.FileName);
        Assert.Contains($"ONNX encoder model not found at '{missing}'", error.Message);
    }

    [Fact]
    public void An_onnx_spec_without_a_model_path_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EncoderFactory.Create(new EncoderSpec { Kind = EncoderKind.Onnx }));

        Assert.Contains("set OnnxModelPath", error.Message);
    }

    [Fact]
    public void Negative_onnx_threads_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EncoderFactory.Create(EncoderSpec.ForOnnx("model.onnx", threads: -1)));

        Assert.Contains("OnnxThreads", error.Message);
    }

    [Theory]
    [InlineData(null, "output #0")]
    [InlineData("", "output #0")]
    [InlineData("#2", "output #2")]
    [InlineData("last_hidden_state", "output 'last_hidden_state'")]
    [InlineData("mean-all", "mean of all outputs")]
    [InlineData("mean:hidden_4+hidden_8", "mean of hidden_4, hidden_8")]
    public void Output_selections_are_parsed(string? text, string expected)
    {
        Assert.Equal(expected, EncoderFactory.ParseOutput(text).ToString());
    }

    [Theory]
    [InlineData("#x")]
    [InlineData("#-1")]
    [InlineData("mean:")]
    public void Malformed_output_selections_are_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => EncoderFactory.ParseOutput(text));
    }
}

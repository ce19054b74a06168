using System.Security.Cryptography;
using DistillPlatform.OnnxRuntime;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Frame encoder backed by any ONNX speech model (wav2vec2, HuBERT, WavLM exports, ...) run through ONNX Runtime:
/// the model takes one float waveform [batch, samples] at 16 kHz and returns one or more hidden states
/// [batch, frames, dims]; <see cref="OnnxFrameEncoderOptions.Output"/> picks one of them or their mean.
/// The <see cref="Id"/> names the exact model bytes (SHA-256 prefix) and the output selection.
/// </summary>
public sealed class OnnxFrameEncoder : IFrameEncoder
{
    private const int HashHexLength = 16;

    private readonly OnnxEnvironment _environment;
    private readonly OnnxSession _session;
    private readonly string _inputName;
    private readonly IReadOnlyList<string> _outputNames;

    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="ArgumentException">The model is not a waveform-to-frames encoder, or the output selection does not fit it.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load or run the model.</exception>
    public OnnxFrameEncoder(string modelPath, OnnxFrameEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        options ??= new OnnxFrameEncoderOptions();
        if (options.FrameRateHz is { } configuredRate && !(configuredRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"FrameRateHz must be positive, got {configuredRate}.");
        }

        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX encoder model '{modelPath}' does not exist.", modelPath);
        }

        var model = File.ReadAllBytes(modelPath);
        ModelPath = modelPath;
        _environment = new OnnxEnvironment(options.LoggingLevel, nameof(OnnxFrameEncoder));
        try
        {
            _session = OnnxSession.FromBytes(_environment, model, options.Session);
            _inputName = ValidateWaveformInput(modelPath, _session.Inputs);
            _outputNames = options.Output.Resolve(_session.Outputs);
            ValidateFrameOutputs(modelPath, _session.Outputs.Where(o => _outputNames.Contains(o.Name)));

            var hash = Convert.ToHexStringLower(SHA256.HashData(model))[..HashHexLength];
            var outputs = _outputNames.Count == 1 ? _outputNames[0]
                : _outputNames.Count == _session.Outputs.Count ? "mean-all"
                : "mean-" + string.Join('+', _outputNames);
            Id = $"onnx-{hash}-{outputs}";
            (Dimensions, FrameRateHz) = MeasureGeometry(options.FrameRateHz);
        }
        catch
        {
            _session?.Dispose();
            _environment.Dispose();
            throw;
        }
    }

    /// <summary>"onnx-&lt;first 16 hex digits of the model's SHA-256&gt;-&lt;output name | mean-all | mean-a+b&gt;".</summary>
    public string Id { get; }

    public int SampleRate => 16000;

    public int Dimensions { get; }

    public double FrameRateHz { get; }

    public string ModelPath { get; }

    /// <summary>Where ONNX Runtime runs the model (CPU, or CUDA when requested and installed).</summary>
    public OnnxExecutionProvider ExecutionProvider => _session.ExecutionProvider;

    /// <exception cref="ArgumentException">The waveform is empty.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed, e.g. the waveform is shorter than the model's receptive field.</exception>
    public FrameFeatures Encode(ReadOnlySpan<float> waveform)
    {
        if (waveform.IsEmpty) throw new ArgumentException("The waveform is empty.", nameof(waveform));

        var outputs = _session.Run(_inputName, waveform, [1, waveform.Length], _outputNames);
        var first = outputs[0];
        if (first.Shape[0] != 1)
        {
            throw new InvalidOperationException($"Output '{first.Name}' has batch size {first.Shape[0]} for a single waveform.");
        }

        var frames = checked((int)first.Shape[1]);
        var dimensions = checked((int)first.Shape[2]);
        if (outputs.Count == 1) return new FrameFeatures(frames, dimensions, first.Values);

        return new FrameFeatures(frames, dimensions, Mean(outputs));
    }

    public void Dispose()
    {
        _session.Dispose();
        _environment.Dispose();
    }

    private static float[] Mean(IReadOnlyList<OnnxFloatTensor> outputs)
    {
        var sum = new float[outputs[0].Values.Length];
        foreach (var output in outputs)
        {
            if (!output.Shape.SequenceEqual(outputs[0].Shape))
            {
                throw new InvalidOperationException(
                    $"Cannot average outputs of different shapes: '{outputs[0].Name}' is [{string.Join(", ", outputs[0].Shape)}], " +
                    $"'{output.Name}' is [{string.Join(", ", output.Shape)}].");
            }

            for (var i = 0; i < sum.Length; i++) sum[i] += output.Values[i];
        }

        for (var i = 0; i < sum.Length; i++) sum[i] /= outputs.Count;
        return sum;
    }

    /// <summary>
    /// Dimensions come from the declared output shape when it is fixed. The frame rate is measured unless configured:
    /// encoders emit one frame per hop after an initial receptive field, so the frame counts for one and for two
    /// seconds of audio differ by exactly the number of frames per second, whatever the receptive field.
    /// </summary>
    private (int Dimensions, double FrameRateHz) MeasureGeometry(double? configuredRate)
    {
        var declared = _session.Outputs.First(o => o.Name == _outputNames[0]).Shape[2];
        if (declared > 0 && configuredRate is { } rate) return ((int)declared, rate);

        var oneSecond = Encode(new float[SampleRate]);
        if (configuredRate is { } configured) return (oneSecond.Dimensions, configured);

        var twoSeconds = Encode(new float[2 * SampleRate]);
        var framesPerSecond = twoSeconds.Frames - oneSecond.Frames;
        if (framesPerSecond <= 0)
        {
            throw new ArgumentException(
                $"Model '{ModelPath}' gives {oneSecond.Frames} frames for 1 s and {twoSeconds.Frames} frames for 2 s of audio, " +
                "so its frame rate cannot be measured; set OnnxFrameEncoderOptions.FrameRateHz.");
        }

        return (oneSecond.Dimensions, framesPerSecond);
    }

    private static string ValidateWaveformInput(string modelPath, IReadOnlyList<OnnxTensorInfo> inputs)
    {
        if (inputs.Count == 1 && inputs[0] is { ValueType: OnnxValueType.Tensor, ElementType: OnnxElementType.Float, Rank: 2 })
        {
            return inputs[0].Name;
        }

        throw new ArgumentException(
            $"Model '{modelPath}' is not a waveform encoder: expected one float input [batch, samples], " +
            $"found {string.Join("; ", inputs)}.", nameof(modelPath));
    }

    private static void ValidateFrameOutputs(string modelPath, IEnumerable<OnnxTensorInfo> outputs)
    {
        foreach (var output in outputs)
        {
            if (output is not { ValueType: OnnxValueType.Tensor, ElementType: OnnxElementType.Float, Rank: 3 })
            {
                throw new ArgumentException(
                    $"Model '{modelPath}' output {output} cannot be used as frame features: expected float [batch, frames, dims].",
                    nameof(modelPath));
            }
        }
    }
}

using System.Globalization;
using DistillPlatform.Features.Encoders;
using DistillPlatform.OnnxRuntime;

namespace DistillPlatform.Features.Extraction;

/// <summary>Creates the <see cref="IFrameEncoder"/> an <see cref="EncoderSpec"/> describes, with errors that say what to fix.</summary>
public static class EncoderFactory
{
    private const string MeanOfAllOutputs = "mean-all";
    private const string MeanOfNamedPrefix = "mean:";
    private const string IndexPrefix = "#";

    /// <exception cref="ArgumentException">The spec is incomplete or inconsistent (e.g. ONNX without a model path).</exception>
    /// <exception cref="FileNotFoundException">The ONNX model file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
    public static IFrameEncoder Create(EncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            EncoderKind.LogMel => new LogMelEncoder(spec.LogMel ?? throw new ArgumentException("The log-mel encoder spec has no LogMel settings.", nameof(spec))),
            EncoderKind.Onnx => CreateOnnx(spec),
            _ => throw new ArgumentException($"Unknown encoder kind {spec.Kind}; use LogMel or Onnx.", nameof(spec)),
        };
    }

    /// <summary>
    /// Readable configuration recorded next to the encoder id in feature set manifests (and hashed into the feature
    /// set id). It leaves out what does not change the features: thread counts and where the model file lies (the
    /// encoder id already names the model by its content hash).
    /// </summary>
    public static string DescribeConfig(EncoderSpec spec, IFrameEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(encoder);
        string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        return spec.Kind == EncoderKind.LogMel
            ? $"mel_bins={spec.LogMel.MelBins},window={Number(spec.LogMel.WindowMilliseconds)}ms,hop={Number(spec.LogMel.HopMilliseconds)}ms," +
              $"fft={spec.LogMel.FftSize},sample_rate={spec.LogMel.SampleRate}"
            : $"output={CanonicalOutput(spec.OnnxOutput)},dims={encoder.Dimensions},frame_rate={Number(encoder.FrameRateHz)}hz";
    }

    /// <summary>Parses <see cref="EncoderSpec.OnnxOutput"/> (syntax documented there).</summary>
    /// <exception cref="ArgumentException">The text does not follow the syntax.</exception>
    public static OnnxOutputSelection ParseOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return OnnxOutputSelection.First;
        }
        string text = output.Trim();
        if (text == MeanOfAllOutputs)
        {
            return OnnxOutputSelection.MeanOfAll;
        }
        if (text.StartsWith(MeanOfNamedPrefix, StringComparison.Ordinal))
        {
            string[] names = text[MeanOfNamedPrefix.Length..].Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
            {
                throw new ArgumentException($"ONNX output '{output}' names no output to average; write e.g. 'mean:hidden_4+hidden_8'.");
            }
            return OnnxOutputSelection.MeanOf(names);
        }
        if (text.StartsWith(IndexPrefix, StringComparison.Ordinal))
        {
            if (!int.TryParse(text[IndexPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                throw new ArgumentException($"ONNX output '{output}' is not a valid position; write '#' followed by a number, e.g. '#0'.");
            }
            return OnnxOutputSelection.ByIndex(index);
        }
        return OnnxOutputSelection.ByName(text);
    }

    /// <summary>The output selection as written, with the default spelled out, so equal selections give equal configs.</summary>
    private static string CanonicalOutput(string? output) => string.IsNullOrWhiteSpace(output) ? IndexPrefix + "0" : output.Trim();

    private static OnnxFrameEncoder CreateOnnx(EncoderSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.OnnxModelPath))
        {
            throw new ArgumentException("The encoder spec asks for an ONNX encoder but gives no model path; set OnnxModelPath to an .onnx file.", nameof(spec));
        }
        if (spec.OnnxThreads < 0)
        {
            throw new ArgumentException($"OnnxThreads must be 0 (let ONNX Runtime choose) or positive, got {spec.OnnxThreads}.", nameof(spec));
        }
        string modelPath = Path.GetFullPath(spec.OnnxModelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"ONNX encoder model not found at '{modelPath}'. Point OnnxModelPath at an exported speech encoder " +
                "(scripts/export_hubert_like_encoder.py writes one) or use the built-in log-mel encoder.",
                modelPath);
        }
        var options = new OnnxFrameEncoderOptions
        {
            Output = ParseOutput(spec.OnnxOutput),
            Session = new OnnxSessionOptions { IntraOpThreads = spec.OnnxThreads },
        };
        return new OnnxFrameEncoder(modelPath, options);
    }
}

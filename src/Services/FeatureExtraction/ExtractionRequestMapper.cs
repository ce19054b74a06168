using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Encoders;
using DistillPlatform.Features.Extraction;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>Turns the message's plain records into the feature library's request types, checking them on the way.</summary>
public static class ExtractionRequestMapper
{
    /// <exception cref="InvalidExtractionRequestException">A part of the message is invalid; the message says which.</exception>
    public static FeatureExtractionRequest ToRequest(ExtractFeatures message, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var corpus = new CorpusRequest(manifestPath, ToLabelMapping(message.Labels), ToSplitPolicy(message.Split), message.SkipBadRows);
            return new FeatureExtractionRequest(corpus)
            {
                Encoder = ToEncoderSpec(message.Encoder),
                Preprocessing = ToPreprocessing(message.Preprocessing),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidExtractionRequestException($"Request {message.RequestId} is invalid: {e.Message}", e);
        }
    }

    private static LabelMapping ToLabelMapping(LabelMappingSpec? spec)
    {
        spec ??= new LabelMappingSpec();
        return new LabelMapping(spec.Classes, spec.Renames, spec.RejectUnlistedLabels ? UnlistedLabels.Reject : UnlistedLabels.Drop);
    }

    private static SplitPolicy ToSplitPolicy(SplitPolicySpec? spec)
    {
        spec ??= new SplitPolicySpec();
        return spec.Kind switch
        {
            SplitPolicyKind.Manifest => new ManifestSplitPolicy(),
            SplitPolicyKind.SpeakerIndependent when spec.TestSpeakers is { Count: > 0 } =>
                SpeakerIndependentSplitPolicy.WithTestSpeakers(spec.TestSpeakers, spec.DevFraction, spec.Seed),
            SplitPolicyKind.SpeakerIndependent =>
                SpeakerIndependentSplitPolicy.WithTestFraction(spec.TestSpeakerFraction, spec.DevFraction, spec.Seed),
            _ => throw new ArgumentException($"Unknown split policy kind {spec.Kind}; use SpeakerIndependent or Manifest."),
        };
    }

    private static EncoderSpec ToEncoderSpec(FeatureEncoderSpec? spec)
    {
        spec ??= new FeatureEncoderSpec();
        return spec.Kind switch
        {
            FeatureEncoderKind.LogMel => EncoderSpec.ForLogMel(new LogMelSettings(spec.MelBins, spec.WindowMilliseconds, spec.HopMilliseconds)),
            FeatureEncoderKind.Onnx => EncoderSpec.ForOnnx(spec.OnnxModelPath ?? "", spec.OnnxOutput, spec.OnnxThreads),
            _ => throw new ArgumentException($"Unknown encoder kind {spec.Kind}; use LogMel or Onnx."),
        };
    }

    private static AudioPreprocessing ToPreprocessing(AudioPreprocessingSpec? spec)
    {
        spec ??= new AudioPreprocessingSpec();
        NormalizationMode mode = spec.Normalization switch
        {
            LevelNormalization.None => NormalizationMode.None,
            LevelNormalization.Peak => NormalizationMode.Peak,
            LevelNormalization.Rms => NormalizationMode.Rms,
            _ => throw new ArgumentException($"Unknown level normalisation {spec.Normalization}; use None, Peak or Rms."),
        };
        var preprocessing = new AudioPreprocessing(
            spec.TargetSampleRate, mode, spec.TargetLevelDbfs, spec.TrimSilence, spec.TrimThresholdDb, spec.TrimMarginMilliseconds);
        preprocessing.Validate();
        return preprocessing;
    }
}

namespace DistillPlatform.Contracts.Features;

/// <summary>Which frame encoder turns waveforms into features.</summary>
public enum FeatureEncoderKind
{
    /// <summary>The built-in log-mel spectrogram.</summary>
    LogMel,

    /// <summary>An ONNX speech model (e.g. an exported HuBERT) on the service's machine.</summary>
    Onnx,
}

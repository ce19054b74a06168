namespace DistillPlatform.Features.Extraction;

/// <summary>Which family of frame encoder turns waveforms into features.</summary>
public enum EncoderKind
{
    /// <summary>The built-in log-mel spectrogram (<see cref="Encoders.LogMelEncoder"/>).</summary>
    LogMel,

    /// <summary>An ONNX speech model (<see cref="Encoders.OnnxFrameEncoder"/>), e.g. an exported HuBERT.</summary>
    Onnx,
}

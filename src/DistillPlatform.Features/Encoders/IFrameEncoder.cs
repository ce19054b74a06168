namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Turns a mono waveform into a sequence of fixed-size feature frames (log-mel spectra, SSL embeddings, ...).
/// Implementations may hold native or pooled resources, hence <see cref="IDisposable"/>.
/// </summary>
public interface IFrameEncoder : IDisposable
{
    /// <summary>Stable identifier that includes every setting affecting the output, e.g. "logmel-80-25ms-10ms".
    /// Used in artifact ids, so two encoders with the same id must produce the same features.</summary>
    string Id { get; }

    /// <summary>Sample rate (Hz) that <see cref="Encode"/> expects its input at (16000 for the built-in encoders).</summary>
    int SampleRate { get; }

    /// <summary>Length of one output frame.</summary>
    int Dimensions { get; }

    /// <summary>Number of output frames per second of input audio.</summary>
    double FrameRateHz { get; }

    /// <summary>Encodes a mono waveform with samples in [-1, 1] at <see cref="SampleRate"/>.</summary>
    FrameFeatures Encode(ReadOnlySpan<float> waveform);
}

/// <summary>Frame-level features of one utterance, stored row-major as [Frames, Dimensions].</summary>
public sealed record FrameFeatures(int Frames, int Dimensions, float[] Values);

namespace DistillPlatform.Features.Audio;

/// <summary>How samples are stored in a WAV file's data chunk.</summary>
public enum WavSampleEncoding
{
    /// <summary>Integer PCM: 8-bit unsigned, 16/24/32-bit signed two's complement, little-endian.</summary>
    Pcm,

    /// <summary>IEEE 754 float, 32 or 64 bit, little-endian.</summary>
    IeeeFloat,
}

/// <summary>The decoded "fmt " chunk of a WAV file.</summary>
/// <param name="Encoding">Sample encoding (after resolving WAVE_FORMAT_EXTENSIBLE's sub-format).</param>
/// <param name="Channels">Interleaved channel count.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Container size of one sample in bits (8, 16, 24, 32 or 64).</param>
/// <param name="IsExtensible">True when the header used WAVE_FORMAT_EXTENSIBLE.</param>
public sealed record WavFormat(WavSampleEncoding Encoding, int Channels, int SampleRate, int BitsPerSample, bool IsExtensible)
{
    public int BytesPerSample => BitsPerSample / 8;
    public int BlockAlign => BytesPerSample * Channels;
}

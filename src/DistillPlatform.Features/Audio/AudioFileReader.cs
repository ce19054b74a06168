namespace DistillPlatform.Features.Audio;

/// <summary>
/// Decodes any audio file to mono: RIFF/WAVE with PCM or float samples through the built-in <see cref="WavReader"/>,
/// everything else (other containers, or WAV files with compressed encodings) through <see cref="SoxConverter"/>.
/// </summary>
public sealed class AudioFileReader(SoxConverter soxConverter)
{
    public AudioFileReader() : this(new SoxConverter())
    {
    }

    public AudioClip Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Audio file '{path}' does not exist.", path);
        }

        if (!LooksLikeRiffWave(path))
        {
            return soxConverter.Decode(path).Audio;
        }

        try
        {
            return WavReader.Read(path).Audio;
        }
        catch (UnsupportedWavEncodingException) when (soxConverter.IsAvailable)
        {
            // A valid WAV container with e.g. A-law or ADPCM samples: sox knows those codecs.
            return soxConverter.Decode(path).Audio;
        }
    }

    private static bool LooksLikeRiffWave(string path)
    {
        Span<byte> header = stackalloc byte[12];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        // Short files and RIFF-like files go to WavReader so its errors (truncated, not WAVE) reach the user.
        return read < 12 || header[..4].SequenceEqual("RIFF"u8) || header[..4].SequenceEqual("RIFX"u8)
               || header[..4].SequenceEqual("RF64"u8) || header[8..12].SequenceEqual("WAVE"u8);
    }
}

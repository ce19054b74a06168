using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Extraction;

/// <summary>
/// The <see cref="AudioFileCheck"/> feature extraction plugs into <see cref="CorpusResolver"/>: every WAV file is
/// decoded by the real <see cref="WavReader"/> during validation, so a corrupt or truncated file is reported against
/// its manifest row before any work starts (and can be skipped), instead of failing the extraction half-way.
/// Decoding PCM is little more than a copy, and the corpus content hash reads every file anyway, so this costs one
/// more pass over data that is in the page cache by then. Other formats are accepted when sox is there to decode them.
/// </summary>
public sealed class DecodingAudioCheck(SoxConverter soxConverter)
{
    public DecodingAudioCheck() : this(new SoxConverter())
    {
    }

    /// <summary>Null when the file decodes, otherwise what is wrong with it (phrased to follow "audio file PATH").</summary>
    public string? Check(string fullPath)
    {
        try
        {
            if (!StartsWithRiffHeader(fullPath))
            {
                return soxConverter.IsAvailable
                    ? null
                    : "is not a RIFF/WAVE file, and sox (needed to decode other formats) is not installed";
            }
            WavReader.Read(fullPath);
            return null;
        }
        catch (UnsupportedWavEncodingException e)
        {
            return soxConverter.IsAvailable ? null : $"cannot be decoded: {e.Problem}, and sox (which decodes it) is not installed";
        }
        catch (AudioFormatException e)
        {
            return $"cannot be decoded: {e.Problem}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }

    private static bool StartsWithRiffHeader(string path)
    {
        Span<byte> header = stackalloc byte[4];
        using FileStream stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        // Files too short to tell go to WavReader, whose error ("too short for a RIFF/WAVE header") is the useful one.
        return read < header.Length || header.SequenceEqual("RIFF"u8) || header.SequenceEqual("RIFX"u8) || header.SequenceEqual("RF64"u8);
    }
}

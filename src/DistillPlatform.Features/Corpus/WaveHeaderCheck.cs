using System.Buffers.Binary;

namespace DistillPlatform.Features.Corpus;

/// <summary>
/// Default <see cref="AudioFileCheck"/>: the file starts with a RIFF/WAVE header. Reads 12 bytes, so validating a
/// large corpus costs almost nothing; decoding problems deeper in the file surface during extraction.
/// </summary>
public static class WaveHeaderCheck
{
    private const int HeaderLength = 12;

    public static string? Check(string fullPath)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        int read;
        try
        {
            using FileStream stream = File.OpenRead(fullPath);
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            return $"cannot be read: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"cannot be read: {e.Message}";
        }

        if (read < HeaderLength)
        {
            return $"is only {read} byte(s) long, too short for a RIFF/WAVE header";
        }
        bool isRiff = BinaryPrimitives.ReadUInt32BigEndian(header[..4]) == 0x52494646;      // "RIFF"
        bool isWave = BinaryPrimitives.ReadUInt32BigEndian(header[8..12]) == 0x57415645;    // "WAVE"
        return isRiff && isWave ? null : "is not a RIFF/WAVE file (header does not start with 'RIFF....WAVE')";
    }
}

namespace DistillPlatform.Features.Audio;

/// <summary>
/// An audio file could not be decoded: it is corrupt, truncated, or uses an encoding this reader does not support.
/// The message always names the file so a user can find and fix it.
/// </summary>
public class AudioFormatException : Exception
{
    public AudioFormatException(string filePath, string problem)
        : base($"Cannot read audio '{filePath}': {problem}")
    {
        FilePath = filePath;
        Problem = problem;
    }

    public AudioFormatException(string filePath, string problem, Exception inner)
        : base($"Cannot read audio '{filePath}': {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>Path (or other name) of the audio that failed.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}

/// <summary>
/// A well-formed WAV file whose sample encoding (A-law, ADPCM, MP3-in-WAV, ...) the built-in reader does not decode.
/// <see cref="AudioFileReader"/> hands such files to sox when it is installed.
/// </summary>
public sealed class UnsupportedWavEncodingException(string filePath, string problem)
    : AudioFormatException(filePath, problem);

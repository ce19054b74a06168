using System.Diagnostics;

namespace DistillPlatform.Features.Audio;

/// <summary>
/// Decodes formats the built-in WAV reader does not handle (FLAC, MP3, Ogg, A-law WAV, ...) by asking the
/// <c>sox</c> command-line tool to convert them to a temporary 32-bit float WAV, which <see cref="WavReader"/> then reads.
/// Channels and sample rate are kept; downmixing and resampling stay in our own, tested code.
/// </summary>
public sealed class SoxConverter
{
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromMinutes(5);

    private readonly string? _soxPath;

    /// <param name="soxPath">Explicit sox executable; when null, sox is looked up on PATH. A path that does not exist
    /// makes the converter unavailable, with a clear error when a file needs it.</param>
    public SoxConverter(string? soxPath = null)
    {
        _soxPath = soxPath is null ? FindOnPath("sox") : File.Exists(soxPath) ? soxPath : null;
    }

    /// <summary>True when a sox executable was found.</summary>
    public bool IsAvailable => _soxPath is not null;

    public WavContent Decode(string path)
    {
        if (_soxPath is null)
        {
            throw new AudioFormatException(path, "this format needs sox to decode, but sox is not installed (apt-get install sox libsox-fmt-all, or convert the file to WAV)");
        }

        var temporaryWav = Path.Combine(Path.GetTempPath(), $"distill-sox-{Guid.NewGuid():N}.wav");
        try
        {
            Convert(path, temporaryWav);
            var converted = WavReader.Read(temporaryWav);
            return converted;
        }
        catch (AudioFormatException e) when (e.FilePath == temporaryWav)
        {
            throw new AudioFormatException(path, $"sox produced an unreadable WAV: {e.Problem}", e);
        }
        finally
        {
            File.Delete(temporaryWav);
        }
    }

    private void Convert(string inputPath, string outputWav)
    {
        var startInfo = new ProcessStartInfo(_soxPath!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // -V1: errors only. No -D needed: widening to 32-bit float never dithers.
        foreach (var argument in new[] { "-V1", inputPath, "-t", "wav", "-e", "floating-point", "-b", "32", outputWav })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new AudioFormatException(inputPath, $"could not start sox at '{_soxPath}'");
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(ConversionTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new AudioFormatException(inputPath, $"sox did not finish converting within {ConversionTimeout.TotalMinutes} minutes");
        }

        stdoutTask.Wait();
        var stderr = stderrTask.Result.Trim();
        if (process.ExitCode != 0)
        {
            throw new AudioFormatException(inputPath, $"sox could not decode it (exit code {process.ExitCode}): {stderr}");
        }
    }

    private static string? FindOnPath(string executable)
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return pathVariable
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
    }
}

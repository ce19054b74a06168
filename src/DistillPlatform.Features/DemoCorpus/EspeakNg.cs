using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;

namespace DistillPlatform.Features.DemoCorpus;

/// <summary>Runs the espeak-ng command-line synthesiser. Its output is deterministic for identical arguments.</summary>
internal sealed class EspeakNg(string executable)
{
    private const string InstallHint = "Install it (apt-get install espeak-ng, or run scripts/bootstrap.sh) or pass its path as DemoCorpusOptions.EspeakExecutable.";

    /// <summary>Fails early with a clear message when the executable is missing or broken; returns its version line.</summary>
    public async Task<string> CheckAvailableAsync(CancellationToken cancellationToken)
    {
        var stdout = await RunAsync(["--version"], cancellationToken);
        return Encoding.UTF8.GetString(stdout).Trim();
    }

    public async Task<(float[] Samples, int SampleRate)> SynthesizeAsync(UtteranceRecipe recipe, CancellationToken cancellationToken)
    {
        // SSML for the pitch range (there is no command-line switch for it); the text is ours and contains no markup.
        var ssml = $"<speak><prosody range=\"{recipe.PitchRangePercent.ToString(CultureInfo.InvariantCulture)}%\">{SecurityElement.Escape(recipe.Text)}</prosody></speak>";
        string[] arguments =
        [
            "-v", recipe.Voice,
            "-p", recipe.Pitch.ToString(CultureInfo.InvariantCulture),
            "-s", recipe.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "-a", recipe.Amplitude.ToString(CultureInfo.InvariantCulture),
            "-g", recipe.WordGap.ToString(CultureInfo.InvariantCulture),
            "-m", "--stdout", ssml,
        ];
        var stdout = await RunAsync(arguments, cancellationToken);
        return PcmWave.Parse(stdout, $"espeak-ng ({recipe.Voice}, '{recipe.Text}')");
    }

    /// <summary>Runs espeak-ng to completion and returns its standard output; a non-zero exit becomes a DemoCorpusException.</summary>
    private async Task<byte[]> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new DemoCorpusException($"The demo corpus needs espeak-ng, but '{executable}' could not be started ({e.Message}). {InstallHint}", e);
        }

        using var stdout = new MemoryStream();
        var copyStdout = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
        var readStderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await Task.WhenAll(copyStdout, readStderr);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var stderr = await readStderr;
        if (process.ExitCode != 0)
        {
            throw new DemoCorpusException(
                $"'{executable} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {stderr.Trim()}");
        }
        return stdout.ToArray();
    }
}

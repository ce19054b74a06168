using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// Generates the built-in demo corpus: an acted-emotion corpus (neutral, happy, sad, angry) spoken by espeak-ng voices,
/// used when the user names no corpus. Deterministic: the same preset and seed give byte-identical WAV files, and a
/// folder that already holds that corpus is reused instead of regenerated.
/// </summary>
public static class DemoCorpusGenerator
{
    public const string ManifestFileName = "labels.csv";
    public const string MarkerFileName = "demo-corpus.json";
    public const string AudioFolderName = "wav";

    /// <summary>
    /// Bump when the audio rendering changes in a way the recipes do not capture (the effects code, the WAV format),
    /// so existing folders are regenerated. Recipe changes (styles, speakers, sentences) change the hash by themselves.
    /// </summary>
    private const int RenderingVersion = 1;

    private static readonly JsonSerializerOptions MarkerJson = new() { WriteIndented = true };

    /// <summary>Returns the corpus in <see cref="DemoCorpusOptions.OutputDirectory"/>, generating it unless already there.</summary>
    public static async Task<GeneratedDemoCorpus> EnsureAsync(DemoCorpusOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputDirectory)) throw new ArgumentException("The demo corpus output directory is empty.", nameof(options));
        if (options.MaxParallelism < 1) throw new ArgumentException($"MaxParallelism must be at least 1, got {options.MaxParallelism}.", nameof(options));

        var directory = Path.GetFullPath(options.OutputDirectory);
        var recipes = DemoCorpusPlan.Create(options.Preset, options.Seed);
        var hash = ConfigurationHash(recipes);
        var manifestPath = Path.Combine(directory, ManifestFileName);
        var result = new GeneratedDemoCorpus(directory, manifestPath, options.Preset, options.Seed, recipes.Count, hash, WasGenerated: false);

        if (IsUpToDate(directory, hash)) return result;

        var espeak = new EspeakNg(options.EspeakExecutable);
        var espeakVersion = await espeak.CheckAvailableAsync(cancellationToken);

        RemovePreviousOutput(directory);
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, AudioFolderName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemoCorpusException($"Cannot create the demo corpus folder '{directory}': {e.Message}", e);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(recipes, parallel, async (recipe, ct) =>
        {
            var (speech, sampleRate) = await espeak.SynthesizeAsync(recipe, ct);
            var audio = VoiceQualityEffects.Apply(speech, sampleRate, recipe);
            await File.WriteAllBytesAsync(Path.Combine(directory, recipe.RelativePath), PcmWave.Encode(audio, sampleRate), ct);
        });

        await File.WriteAllTextAsync(manifestPath, Manifest(recipes), cancellationToken);
        // The marker goes last: an interrupted run leaves no marker and is regenerated next time.
        var marker = new Marker(hash, options.Preset.Name, options.Preset.SpeakerCount, options.Preset.SentencesPerSpeaker,
            options.Seed, recipes.Count, espeakVersion);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkerFileName), JsonSerializer.Serialize(marker, MarkerJson), cancellationToken);
        return result with { WasGenerated = true };
    }

    private static bool IsUpToDate(string directory, string hash)
    {
        var markerPath = Path.Combine(directory, MarkerFileName);
        if (!File.Exists(markerPath) || !File.Exists(Path.Combine(directory, ManifestFileName))) return false;
        try
        {
            return JsonSerializer.Deserialize<Marker>(File.ReadAllText(markerPath))?.ConfigurationHash == hash;
        }
        catch (JsonException)
        {
            return false; // A damaged marker only means the corpus is made again.
        }
    }

    /// <summary>Deletes only what this generator writes, never other files the caller keeps in the folder.</summary>
    private static void RemovePreviousOutput(string directory)
    {
        if (!Directory.Exists(directory)) return;
        File.Delete(Path.Combine(directory, MarkerFileName));
        File.Delete(Path.Combine(directory, ManifestFileName));
        var audio = Path.Combine(directory, AudioFolderName);
        if (Directory.Exists(audio)) Directory.Delete(audio, recursive: true);
    }

    private static string Manifest(IReadOnlyList<UtteranceRecipe> recipes)
    {
        var csv = new StringBuilder("path,label,speaker\n");
        foreach (var recipe in recipes) csv.Append(recipe.RelativePath).Append(',').Append(recipe.Label).Append(',').Append(recipe.SpeakerId).Append('\n');
        return csv.ToString();
    }

    private static string ConfigurationHash(IReadOnlyList<UtteranceRecipe> recipes)
    {
        var canonical = new StringBuilder($"rendering={RenderingVersion}\n");
        foreach (var recipe in recipes) canonical.Append(recipe.ToCanonicalLine()).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Contents of the marker file; readable by people, compared by hash.</summary>
    private sealed record Marker(
        string ConfigurationHash, string Preset, int Speakers, int SentencesPerSpeaker, int Seed, int Utterances, string EspeakVersion);
}

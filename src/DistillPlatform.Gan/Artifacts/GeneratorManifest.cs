using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillPlatform.Gan.Artifacts;

/// <summary>
/// <c>generator.json</c>, the manifest of a distilled generator stored under <c>generators/&lt;id&gt;/</c> next to the
/// checkpoint files of <see cref="Training.GanCheckpointFiles"/> (of which sampling needs <c>generator.safetensors</c>
/// and <c>trainer.json</c>) and the training curves. It says what the generator stands for: which feature set it
/// replaces, its class names in class-index order and the real training split's class counts (for sampling with the
/// original distribution), and the feature format its samples come back in (dimensions, frame rate, encoder), so the
/// sampling service can write synthetic sets in exactly the real feature-set format.
/// </summary>
/// <param name="Classes">Class names; index i is the generator's class i.</param>
/// <param name="RealClassCounts">Utterances per class name in the real train split it was distilled from.</param>
/// <param name="Frames">Frames per generated map (T).</param>
/// <param name="GeneratorBytes">Bytes of <c>generator.safetensors</c>: the storage the generator needs.</param>
public sealed record GeneratorManifest(
    int FormatVersion,
    string GeneratorId,
    string FeatureSetId,
    string? PoolId,
    string Architecture,
    string ModelPreset,
    string LossPreset,
    long Steps,
    int Seed,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, int> RealClassCounts,
    string EncoderId,
    int Dimensions,
    double FrameRateHz,
    int Frames,
    long GeneratorBytes,
    DateTimeOffset CreatedAt)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Object-store prefix of generator folders: <c>generators/&lt;id&gt;/</c>.</summary>
    public const string StoragePrefix = "generators";

    public const string FileName = "generator.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, JsonOptions));

    /// <exception cref="InvalidDataException">The file is not a generator manifest of a format this version reads.</exception>
    public static GeneratorManifest Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        GeneratorManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<GeneratorManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a generator manifest: {e.Message}", e);
        }

        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"{path} has format version {manifest.FormatVersion}; this version reads {CurrentFormatVersion}.");
        if (manifest.Classes is null || manifest.Classes.Count == 0)
            throw new InvalidDataException($"{path} lists no classes.");
        return manifest;
    }
}

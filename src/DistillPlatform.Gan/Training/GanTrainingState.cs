using System.Text.Json;
using System.Text.Json.Serialization;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;

namespace DistillPlatform.Gan.Training;

/// <summary>
/// The small JSON part of a checkpoint (trainer.json): everything except tensors. The torch generator state is opaque
/// bytes from libtorch (base64); the trainer's own generator state is four xoshiro256** words.
/// </summary>
internal sealed record GanTrainingState(
    int FormatVersion,
    long Step,
    GanModelConfig Model,
    GanHyperParameters HyperParameters,
    FeatureNormalization Normalization,
    string TorchRandomState,
    ulong[] RandomState)
{
    public const int CurrentFormatVersion = 1;
    public const string FileName = "trainer.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Options));

    public static GanTrainingState Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"'{folder}' is not a GAN checkpoint: {FileName} is missing.", path);
        GanTrainingState? state;
        try
        {
            state = JsonSerializer.Deserialize<GanTrainingState>(File.ReadAllText(path), Options);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"'{path}' is not a valid GAN trainer state: {error.Message}", error);
        }
        if (state is null || state.Model is null || state.HyperParameters is null || state.Normalization is null
            || state.TorchRandomState is null || state.RandomState is null)
            throw new InvalidDataException($"'{path}' lacks part of the GAN trainer state.");
        if (state.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"'{path}' has checkpoint format {state.FormatVersion}; this build reads format {CurrentFormatVersion}.");
        return state;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;

namespace DistillPlatform.Emotion.Pool;

/// <summary>
/// The <c>index.json</c> of a checkpoint pool folder: what every checkpoint is (head, input dimensions, classes,
/// training settings) and, per completed run, its seed and kept checkpoints. A run appears here only after all its
/// checkpoint files were written, which is what makes pool training resumable.
/// </summary>
public sealed record CheckpointPoolIndex(
    int FormatVersion,
    HeadConfig Head,
    int InputDimensions,
    IReadOnlyList<string> Classes,
    string? TrainingSet,
    EmotionTrainingOptions Training,
    string KeepEpochs,
    IReadOnlyList<CheckpointRun> Runs)
{
    public const int CurrentFormatVersion = 1;
    public const string FileName = "index.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Every kept checkpoint of every run, in run then epoch order.</summary>
    [JsonIgnore]
    public IReadOnlyList<CheckpointEntry> Checkpoints => Runs.SelectMany(r => r.Checkpoints).ToArray();

    /// <summary>Reads <c>index.json</c> from <paramref name="folder"/>, or returns null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a pool index this code understands.</exception>
    public static CheckpointPoolIndex? TryRead(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return null;
        CheckpointPoolIndex? index;
        try
        {
            index = JsonSerializer.Deserialize<CheckpointPoolIndex>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a valid checkpoint pool index: {error.Message}", error);
        }
        if (index is null || index.Head is null || index.Classes is null || index.Runs is null || index.Training is null)
            throw new InvalidDataException($"{path} lacks head, classes, training or runs; it is not a checkpoint pool index.");
        if (index.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"{path} has format version {index.FormatVersion}; this code reads version {CurrentFormatVersion}.");
        return index;
    }

    /// <summary>Writes the index atomically (temporary file, then rename), so a crash never leaves half an index.</summary>
    internal void Write(string folder)
    {
        string path = Path.Combine(folder, FileName);
        string temporary = path + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One completed training run of the pool.</summary>
/// <param name="Run">0-based run number.</param>
/// <param name="Seed">Seed of the run's initial weights and batch order.</param>
/// <param name="BestEpoch">Epoch with the best dev UAR (the last epoch without dev).</param>
/// <param name="BestDevUar">Its dev UAR; null without dev.</param>
/// <param name="EpochsTrained">Epochs the run actually trained.</param>
/// <param name="WallSeconds">Training wall time of the run.</param>
/// <param name="Checkpoints">The kept checkpoints, by epoch.</param>
public sealed record CheckpointRun(
    int Run,
    int Seed,
    int BestEpoch,
    double? BestDevUar,
    int EpochsTrained,
    double WallSeconds,
    IReadOnlyList<CheckpointEntry> Checkpoints);

/// <summary>One checkpoint: a safetensors state dict (<see cref="File"/>, a plain name in the pool folder) and its SHA-256.</summary>
public sealed record CheckpointEntry(int Run, int Seed, int Epoch, double? DevUar, double TrainLoss, string File, string Sha256);

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Emotion.Pool;

/// <summary>What <see cref="CheckpointPoolTrainer.Train"/> did: the index now on disk and which runs it trained or found complete.</summary>
public sealed record CheckpointPoolTrainingResult(CheckpointPoolIndex Index, IReadOnlyList<int> TrainedRuns, IReadOnlyList<int> SkippedRuns);

/// <summary>
/// Trains the pool of emotion classifiers Θ whose softmax outputs the GAN's distillation loss matches: one run per
/// seed, keeping the scheduled epochs as safetensors state dicts in an output folder, with an <c>index.json</c>.
/// Resumable: a run writes its checkpoint files first and its index entry last, and a later call skips every run
/// whose index entry and files (checked by SHA-256) are complete, retraining only the rest. Runs of an earlier call
/// with more seeds stay in the index: they were trained with the same settings.
/// </summary>
public sealed class CheckpointPoolTrainer(CheckpointPoolOptions options)
{
    public CheckpointPoolOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <param name="outputFolder">Created if missing; may hold an earlier, partial run of the same pool.</param>
    /// <param name="onEpoch">Progress: run number and each epoch's report.</param>
    /// <param name="onRun">Progress: each run once trained (or found complete).</param>
    /// <exception cref="InvalidOperationException">The folder holds a pool built with other settings.</exception>
    public CheckpointPoolTrainingResult Train(EmotionDataset train, EmotionDataset? dev, string outputFolder,
        Action<int, EpochReport>? onEpoch = null, Action<CheckpointRun, bool>? onRun = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        Options.Validate(train.Classes.Count);
        string folder = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(folder);

        // The index records the shared training options; each run's own seed is in its run entry.
        CheckpointPoolIndex wanted = new(CheckpointPoolIndex.CurrentFormatVersion, Options.Head, train.Dimensions, train.Classes.ToArray(),
            train.SourceId, Options.Training with { Seed = 0 }, Options.Keep.Canonical, []);
        CheckpointPoolIndex? existing = CheckpointPoolIndex.TryRead(folder);
        if (existing is not null)
            RequireSamePool(existing, wanted, folder);

        var runs = (existing?.Runs ?? []).ToDictionary(r => r.Run);
        var trained = new List<int>();
        var skipped = new List<int>();
        for (int run = 0; run < Options.Seeds.Count; run++)
        {
            int seed = Options.Seeds[run];
            if (runs.TryGetValue(run, out var done) && done.Seed == seed && IsComplete(done, folder))
            {
                skipped.Add(run);
                onRun?.Invoke(done, true);
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            // Anything an interrupted or stale attempt of this run left behind is replaced; the index forgets it first.
            if (runs.Remove(run))
                (wanted with { Runs = Ordered(runs) }).Write(folder);
            DeleteRunFiles(folder, run);
            var completed = TrainRun(run, seed, train, dev, folder, onEpoch, cancellationToken);
            runs[run] = completed;
            (wanted with { Runs = Ordered(runs) }).Write(folder);
            trained.Add(run);
            onRun?.Invoke(completed, false);
        }

        var index = wanted with { Runs = Ordered(runs) };
        index.Write(folder);
        return new CheckpointPoolTrainingResult(index, trained, skipped);
    }

    private CheckpointRun TrainRun(int run, int seed, EmotionDataset train, EmotionDataset? dev, string folder,
        Action<int, EpochReport>? onEpoch, CancellationToken cancellationToken)
    {
        var checkpoints = new List<CheckpointEntry>();
        var trainer = new EmotionTrainer(Options.Training with { Seed = seed });
        using var result = trainer.Train(Options.Head, train, dev, (report, model) =>
        {
            if (Options.Keep.Keeps(report.Epoch))
                checkpoints.Add(SaveCheckpoint(model, run, seed, report, folder));
            onEpoch?.Invoke(run, report);
        }, cancellationToken);
        return new CheckpointRun(run, seed, result.BestEpoch, result.BestDevUar, result.EpochsTrained, result.WallSeconds, checkpoints);
    }

    private static CheckpointEntry SaveCheckpoint(EmotionHead model, int run, int seed, EpochReport report, string folder)
    {
        string file = FileName(run, report.Epoch);
        string path = Path.Combine(folder, file);
        string temporary = path + ".partial";
        // Each file describes itself, so a single checkpoint copied elsewhere can still be rebuilt.
        var metadata = new Dictionary<string, string>
        {
            ["head"] = JsonSerializer.Serialize(model.Config, CheckpointPoolIndex.Json),
            ["input_dimensions"] = model.InputDimensions.ToString(CultureInfo.InvariantCulture),
            ["class_count"] = model.ClassCount.ToString(CultureInfo.InvariantCulture),
            ["run"] = run.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = report.Epoch.ToString(CultureInfo.InvariantCulture),
        };
        StateDictFile.Save(model.state_dict(), temporary, metadata);
        File.Move(temporary, path, overwrite: true);
        return new CheckpointEntry(run, seed, report.Epoch, report.DevUar, report.TrainLoss, file, Sha256Of(path));
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string FilePrefix(int run) => string.Create(CultureInfo.InvariantCulture, $"run{run:D3}-");

    private static string FileName(int run, int epoch) => string.Create(CultureInfo.InvariantCulture, $"{FilePrefix(run)}epoch{epoch:D4}.safetensors");

    private static bool IsComplete(CheckpointRun run, string folder) =>
        run.Checkpoints.All(c =>
        {
            string path = Path.Combine(folder, c.File);
            return File.Exists(path) && string.Equals(Sha256Of(path), c.Sha256, StringComparison.OrdinalIgnoreCase);
        });

    private static void DeleteRunFiles(string folder, int run)
    {
        foreach (string path in Directory.EnumerateFiles(folder, FilePrefix(run) + "*"))
            File.Delete(path);
    }

    private static CheckpointRun[] Ordered(Dictionary<int, CheckpointRun> runs) => runs.Values.OrderBy(r => r.Run).ToArray();

    private static void RequireSamePool(CheckpointPoolIndex existing, CheckpointPoolIndex wanted, string folder)
    {
        var differences = new List<string>();
        if (existing.Head != wanted.Head) differences.Add($"head {existing.Head} vs {wanted.Head}");
        if (existing.InputDimensions != wanted.InputDimensions) differences.Add($"input dimensions {existing.InputDimensions} vs {wanted.InputDimensions}");
        if (!existing.Classes.SequenceEqual(wanted.Classes)) differences.Add($"classes [{string.Join(", ", existing.Classes)}] vs [{string.Join(", ", wanted.Classes)}]");
        if (existing.TrainingSet != wanted.TrainingSet) differences.Add($"training set {existing.TrainingSet} vs {wanted.TrainingSet}");
        if (JsonSerializer.Serialize(existing.Training, CheckpointPoolIndex.Json) != JsonSerializer.Serialize(wanted.Training, CheckpointPoolIndex.Json))
            differences.Add("training options");
        if (existing.KeepEpochs != wanted.KeepEpochs) differences.Add($"kept epochs {existing.KeepEpochs} vs {wanted.KeepEpochs}");
        if (differences.Count > 0)
            throw new InvalidOperationException(
                $"'{folder}' already holds a checkpoint pool built with other settings ({string.Join("; ", differences)}); " +
                "use a new output folder, or delete this one to rebuild it.");
    }
}

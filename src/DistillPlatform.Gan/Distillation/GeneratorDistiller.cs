using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Teachers;
using DistillPlatform.Gan.Training;
using FeatureNormalization = DistillPlatform.Gan.Data.FeatureNormalization;

namespace DistillPlatform.Gan.Distillation;

/// <summary>
/// One distillation of a feature set into a generator, on local folders: reads the train split, standardises it with
/// its own statistics, draws class-balanced crops, trains a <see cref="GanTrainer"/> (against the checkpoint pool when
/// softmax matching is on), writes resumable checkpoints as it goes, and finally the generator folder: the trainer's
/// checkpoint files, <c>curves.csv</c> and <c>generator.json</c> (<see cref="GeneratorManifest"/>).
/// <para>
/// A run can be resumed from any checkpoint it wrote and then ends with exactly the weights of an uninterrupted run.
/// Cancellation is checked between steps. Not thread-safe; torch's random generator is process-wide, so run one
/// distillation per process at a time.
/// </para>
/// </summary>
public sealed class GeneratorDistiller : IDisposable
{
    /// <summary>Sub-folder of the work folder that holds checkpoints.</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>Sub-folder of the work folder that receives the finished generator.</summary>
    public const string GeneratorFolder = "generator";

    private readonly ClassBalancedCropSampler _sampler;
    private readonly CheckpointPool? _pool;
    private readonly CheckpointPoolTeachers? _teachers;

    private GeneratorDistiller(GeneratorDistillationSettings settings, FeatureSetManifest featureSet, GanModelConfig model,
        FeatureNormalization normalization, ClassBalancedCropSampler sampler, CheckpointPool? pool, CheckpointPoolTeachers? teachers)
    {
        Settings = settings;
        FeatureSet = featureSet;
        Model = model;
        Normalization = normalization;
        _sampler = sampler;
        _pool = pool;
        _teachers = teachers;
    }

    public GeneratorDistillationSettings Settings { get; }

    /// <summary>The manifest of the feature set being distilled.</summary>
    public FeatureSetManifest FeatureSet { get; }

    /// <summary>The model preset with the feature set's dimensions and class count.</summary>
    public GanModelConfig Model { get; }

    /// <summary>The train split's statistics the GAN standardises with.</summary>
    public FeatureNormalization Normalization { get; }

    /// <summary>
    /// Reads the train split of the feature set in <paramref name="featureSetDirectory"/> and, when the settings use
    /// softmax matching, the checkpoint pool in <paramref name="poolDirectory"/> (ignored otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid or do not fit the inputs (no train split, softmax
    /// matching without a pool, a pool trained on another feature set or other classes).</exception>
    /// <exception cref="FeatureSetFormatException">The feature set folder is incomplete or corrupt.</exception>
    /// <exception cref="FileNotFoundException">The pool folder has no index.</exception>
    /// <exception cref="InvalidDataException">The pool folder is incomplete or corrupt.</exception>
    public static GeneratorDistiller Create(string featureSetDirectory, string? poolDirectory, GeneratorDistillationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var reader = FeatureSetReader.Open(featureSetDirectory);
        var manifest = reader.Manifest;
        if (!reader.Splits.Contains(DataSplit.Train))
            throw new ArgumentException($"Feature set '{manifest.Id}' has no train split to distil.", nameof(featureSetDirectory));

        var data = reader.ReadSplit(DataSplit.Train);
        var utterances = Enumerable.Range(0, data.Count)
            .Select(i => new FeatureUtterance((int)data.Labels[i], (int)data.Lengths[i], data.Dimensions, data.Frames(i).ToArray()))
            .ToList();
        var model = GanModelConfig.FromPreset(settings.ModelPreset, manifest.Classes.Count, settings.Architecture) with { FeatureDimensions = manifest.Dimensions };
        model.Validate();
        var normalization = FeatureNormalization.FromUtterances(utterances);
        var sampler = new ClassBalancedCropSampler(utterances, normalization, model.Frames, settings.BatchSize);

        if (!settings.UsesTeachers)
            return new GeneratorDistiller(settings, manifest, model, normalization, sampler, null, null);
        if (poolDirectory is null)
        {
            throw new ArgumentException(
                $"Loss preset '{settings.LossPreset}' uses softmax matching (λ6 = {settings.HyperParameters.SoftmaxMatchingWeight}), which needs a checkpoint pool; give one, or use a preset without +sml.",
                nameof(poolDirectory));
        }
        var pool = CheckpointPool.Load(poolDirectory);
        try
        {
            CheckPoolFits(pool, manifest);
            // The pool was trained on this feature set, so its input units are this manifest's normalisation (or raw).
            var teachers = new CheckpointPoolTeachers(pool, normalization, manifest.Normalization);
            return new GeneratorDistiller(settings, manifest, model, normalization, sampler, pool, teachers);
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains until <see cref="GeneratorDistillationSettings.Steps"/> or cancellation, in <paramref name="workDirectory"/>
    /// (checkpoints under <see cref="CheckpointsFolder"/>, the result in <see cref="GeneratorFolder"/>).
    /// </summary>
    /// <param name="resumeFrom">A checkpoint folder of an earlier run with the same settings and inputs; null starts afresh.</param>
    /// <param name="cancellationToken">Checked before every step; when set, the run writes a checkpoint of where it
    /// stopped (unless it just wrote one) and returns a result that is not <see cref="GeneratorDistillationResult.Completed"/>.</param>
    /// <exception cref="InvalidDataException"><paramref name="resumeFrom"/> is not a checkpoint of this run.</exception>
    public GeneratorDistillationResult Run(string workDirectory, string? resumeFrom = null, DistillationCallbacks? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        callbacks ??= new DistillationCallbacks();
        var (trainer, curves) = resumeFrom is null
            ? (new GanTrainer(Model, Settings.HyperParameters, Normalization, _sampler, _teachers, Settings.Seed), new TrainingCurves())
            : Resume(resumeFrom);
        using (trainer)
        {
            long resumedFromStep = trainer.Step;
            DistillationCheckpoint? lastCheckpoint = null;
            while (trainer.Step < Settings.Steps)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    if (lastCheckpoint?.Step != trainer.Step)
                        lastCheckpoint = WriteCheckpoint(trainer, curves, workDirectory, callbacks);
                    return new GeneratorDistillationResult(false, trainer.Step, resumedFromStep, null, null, lastCheckpoint);
                }
                var report = trainer.TrainStep();
                curves.Add(report);
                callbacks.OnStep?.Invoke(report);
                if (trainer.Step % Settings.CheckpointEvery == 0 && trainer.Step < Settings.Steps)
                    lastCheckpoint = WriteCheckpoint(trainer, curves, workDirectory, callbacks);
            }

            string generatorDirectory = Path.Combine(workDirectory, GeneratorFolder);
            if (Directory.Exists(generatorDirectory))
                Directory.Delete(generatorDirectory, recursive: true);
            trainer.SaveCheckpoint(generatorDirectory);
            curves.Save(generatorDirectory);
            var manifest = ManifestFor(generatorDirectory, trainer.Step);
            manifest.Save(generatorDirectory);
            return new GeneratorDistillationResult(true, trainer.Step, resumedFromStep, generatorDirectory, manifest, lastCheckpoint);
        }
    }

    private (GanTrainer Trainer, TrainingCurves Curves) Resume(string checkpoint)
    {
        var trainer = GanTrainer.LoadCheckpoint(checkpoint, _sampler, _teachers);
        try
        {
            var differences = new List<string>();
            if (trainer.Model != Model)
                differences.Add($"model {trainer.Model} vs {Model}");
            if (trainer.HyperParameters != Settings.HyperParameters)
                differences.Add($"hyper-parameters {trainer.HyperParameters} vs {Settings.HyperParameters}");
            if (!trainer.Normalization.Mean.SequenceEqual(Normalization.Mean) || !trainer.Normalization.Std.SequenceEqual(Normalization.Std))
                differences.Add("normalisation statistics (another training split)");
            if (trainer.Step > Settings.Steps)
                differences.Add($"step {trainer.Step} beyond the {Settings.Steps} steps of this run");
            if (differences.Count > 0)
                throw new InvalidDataException($"Checkpoint '{checkpoint}' belongs to another distillation: {string.Join("; ", differences)}.");
            var curves = TrainingCurves.Load(checkpoint);
            if (curves.Steps.Count != trainer.Step)
                throw new InvalidDataException($"Checkpoint '{checkpoint}' is at step {trainer.Step} but its {TrainingCurves.FileName} has {curves.Steps.Count} steps.");
            return (trainer, curves);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    private static DistillationCheckpoint WriteCheckpoint(GanTrainer trainer, TrainingCurves curves, string workDirectory, DistillationCallbacks callbacks)
    {
        string directory = Path.Combine(workDirectory, CheckpointsFolder, DistillationCheckpoint.FolderNameOf(trainer.Step));
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        trainer.SaveCheckpoint(directory);
        curves.Save(directory);
        var checkpoint = new DistillationCheckpoint(trainer.Step, directory);
        callbacks.OnCheckpoint?.Invoke(checkpoint);
        return checkpoint;
    }

    private GeneratorManifest ManifestFor(string generatorDirectory, long steps)
    {
        var trainCounts = FeatureSet.Split(DataSplit.Train)!.ClassCounts;
        return new GeneratorManifest(
            FormatVersion: GeneratorManifest.CurrentFormatVersion,
            GeneratorId: Settings.GeneratorId,
            FeatureSetId: FeatureSet.Id,
            PoolId: _pool is null ? null : Settings.PoolId,
            Architecture: GeneratorDistillationSettings.ArchitectureName(Settings.Architecture),
            ModelPreset: Settings.ModelPreset,
            LossPreset: Settings.LossPreset,
            Steps: steps,
            Seed: Settings.Seed,
            Classes: FeatureSet.Classes.ToArray(),
            RealClassCounts: FeatureSet.Classes.Select((name, i) => (name, trainCounts[i])).ToDictionary(pair => pair.name, pair => pair.Item2),
            EncoderId: FeatureSet.EncoderId,
            Dimensions: Model.FeatureDimensions,
            FrameRateHz: FeatureSet.FrameRateHz,
            Frames: Model.Frames,
            GeneratorBytes: new FileInfo(Path.Combine(generatorDirectory, GanCheckpointFiles.Generator)).Length,
            CreatedAt: DateTimeOffset.UtcNow);
    }

    /// <summary>The pool must classify this feature set's classes, in the same order, from features in its units.</summary>
    private static void CheckPoolFits(CheckpointPool pool, FeatureSetManifest manifest)
    {
        if (!pool.Index.Classes.SequenceEqual(manifest.Classes))
        {
            throw new ArgumentException(
                $"The checkpoint pool's classes [{string.Join(", ", pool.Index.Classes)}] differ from feature set '{manifest.Id}''s [{string.Join(", ", manifest.Classes)}]; train a pool on this feature set.");
        }
        string expectedTrainingSet = $"{manifest.Id}/{DataSplit.Train.ToName()}";
        if (pool.Index.TrainingSet != expectedTrainingSet)
        {
            throw new ArgumentException(
                $"The checkpoint pool was trained on '{pool.Index.TrainingSet ?? "(unknown data)"}', not on '{expectedTrainingSet}'; softmax matching needs teachers trained on the split being distilled (their input units are its normalisation).");
        }
    }

    public void Dispose()
    {
        _teachers?.Dispose();
        _pool?.Dispose();
    }
}

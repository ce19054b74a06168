using System.Text;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Metrics.Reports;
using MassTransit;

namespace DistillPlatform.Pipeline.Tests;

/// <summary>How the fake services behave in one test, and every command they received.</summary>
public sealed class FakeServiceBehaviour(IArtifactStore store)
{
    public IArtifactStore Store { get; } = store;

    /// <summary>Every command the fake services received.</summary>
    public MessageLog Commands { get; } = new();

    /// <summary>Everything the pipeline published that a client would watch.</summary>
    public MessageLog Events { get; } = new();

    /// <summary>Loss presets whose distillation never answers (as if still training).</summary>
    public HashSet<string> HeldDistillations { get; } = [];

    /// <summary>Loss preset whose distillation publishes DistillationFailed.</summary>
    public string? FailingDistillation { get; set; }

    /// <summary>Evaluations of synthetic sets throw (the command faults).</summary>
    public bool FaultSyntheticEvaluations { get; set; }

    /// <summary>
    /// Completed when a distillation that needs no pool starts; the fake pool waits for it before answering, so a
    /// pipeline that did not run the two concurrently would fail the test.
    /// </summary>
    public TaskCompletionSource PoolFreeDistillationStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Received<T>() => Commands.OfType<T>();

    public async Task<ArtifactRef> StoreTextAsync(string key, string text) =>
        await Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(text)), ArtifactMediaTypes.Json);
}

public sealed class FakeFeatureExtraction(FakeServiceBehaviour behaviour) : IConsumer<ExtractFeatures>
{
    public const string FeatureSetId = "fs-test";

    public async Task Consume(ConsumeContext<ExtractFeatures> context)
    {
        behaviour.Commands.Add(context.Message);
        await behaviour.StoreTextAsync($"features/{FeatureSetId}/train-000.safetensors", new string('x', 3000));
        var manifest = await behaviour.StoreTextAsync($"features/{FeatureSetId}/manifest.json", "{\"kind\":\"fake\"}");
        await context.Publish(new FeaturesExtracted(context.Message.RequestId, FeatureSetId, manifest,
            new Dictionary<string, int> { ["train"] = 20, ["dev"] = 4, ["test"] = 8 }, FromCache: false, []));
    }
}

public sealed class FakeCheckpointPool(FakeServiceBehaviour behaviour) : IConsumer<TrainCheckpointPool>
{
    public const string PoolId = "pool-test";

    public async Task Consume(ConsumeContext<TrainCheckpointPool> context)
    {
        behaviour.Commands.Add(context.Message);
        await behaviour.PoolFreeDistillationStarted.Task.WaitAsync(MessageLog.WaitLimit);
        var index = await behaviour.StoreTextAsync($"pools/{PoolId}/index.json", "{}");
        await context.Publish(new CheckpointPoolTrained(context.Message.RequestId, PoolId, index, CheckpointCount: 3, FromCache: false));
    }
}

public sealed class FakeDistillation(FakeServiceBehaviour behaviour) : IConsumer<DistillGenerator>
{
    public const long GeneratorBytes = 1200;

    public static string GeneratorIdOf(string lossPreset) => "gen-" + lossPreset.Replace("+", "p", StringComparison.Ordinal);

    public async Task Consume(ConsumeContext<DistillGenerator> context)
    {
        var message = context.Message;
        behaviour.Commands.Add(message);
        if (message.PoolId is null)
            behaviour.PoolFreeDistillationStarted.TrySetResult();
        if (behaviour.HeldDistillations.Contains(message.LossPreset))
            return;
        if (behaviour.FailingDistillation == message.LossPreset)
        {
            await context.Publish(new DistillationFailed(message.RequestId, $"loss preset {message.LossPreset} diverged"));
            return;
        }
        string generatorId = GeneratorIdOf(message.LossPreset);
        var manifest = await behaviour.StoreTextAsync($"generators/{generatorId}/generator.json", "{}");
        await context.Publish(new GeneratorDistilled(message.RequestId, generatorId, manifest, message.Steps, GeneratorBytes, FromCache: false));
    }
}

public sealed class FakeSampling(FakeServiceBehaviour behaviour) : IConsumer<SampleSyntheticSet>
{
    public static long SizeOf(int pointsPerClass) => 100L * pointsPerClass;

    public async Task Consume(ConsumeContext<SampleSyntheticSet> context)
    {
        var message = context.Message;
        behaviour.Commands.Add(message);
        string setId = $"syn-{message.GeneratorId}-{message.PointsPerClass}";
        var manifest = await behaviour.StoreTextAsync($"features/{setId}/manifest.json", "{}");
        await context.Publish(new SyntheticSetSampled(message.RequestId, setId, message.GeneratorId, manifest,
            new Dictionary<string, int> { ["angry"] = message.PointsPerClass, ["happy"] = message.PointsPerClass }, SizeOf(message.PointsPerClass), FromCache: false));
    }
}

/// <summary>Stores a small but real evaluation report (two classes, eight test examples), as the evaluation service would.</summary>
public sealed class FakeEvaluation(FakeServiceBehaviour behaviour) : IConsumer<EvaluateTrainingSet>
{
    private static readonly int[] TestTrueClasses = [0, 1, 0, 1, 0, 1, 0, 1];

    public async Task Consume(ConsumeContext<EvaluateTrainingSet> context)
    {
        var message = context.Message;
        behaviour.Commands.Add(message);
        bool synthetic = message.Generator is not null;
        if (synthetic && behaviour.FaultSyntheticEvaluations)
            throw new InvalidOperationException($"the evaluation host ran out of memory on {message.TrainingSetId}");

        var trainingSet = synthetic
            ? new TrainingSetDescription(message.TrainingSetId, TrainingSetKind.Synthetic, message.Generator!.PointsPerClass,
                [message.Generator.PointsPerClass, message.Generator.PointsPerClass], message.Generator.GeneratorId, message.Generator.LossPreset)
            : new TrainingSetDescription(message.TrainingSetId, TrainingSetKind.Real, null, [10, 10], null, null);
        var setup = new EvaluationSetup(message.EvaluationId, trainingSet, message.TestSetId, ["angry", "happy"],
            new Dictionary<string, string> { ["type"] = message.Head.Type }, new Dictionary<string, string> { ["maxEpochs"] = "3" });
        var builder = new EvaluationReportBuilder(setup, TestTrueClasses) { BootstrapResamples = 50 };
        for (int repeat = 0; repeat < message.Repeats; repeat++)
        {
            // The real set gets one example wrong, a synthetic set two.
            int[] predictions = [.. TestTrueClasses];
            predictions[0] = 1;
            if (synthetic) predictions[1] = 0;
            builder.AddRepeat(new RepeatOutcome(message.BaseSeed + repeat, predictions, synthetic ? 1.0 : 4.0, EpochsTrained: 3, BestDevUarEpoch: 2));
        }
        if (message.ReferenceEvaluationId is { } referenceId)
        {
            var reference = await behaviour.Store.GetReferenceAsync($"evaluations/{referenceId}/report.json");
            await using var content = await behaviour.Store.OpenReadAsync(reference);
            builder.CompareWith(ReportJson.DeserializeEvaluation(await new StreamReader(content).ReadToEndAsync()));
        }
        var report = builder.Build(DateTimeOffset.UnixEpoch);

        string directory = Directory.CreateTempSubdirectory("fake-evaluation-").FullName;
        try
        {
            await ReportFiles.WriteAsync(report, directory);
            var folders = new ArtifactFolders(behaviour.Store);
            var folder = new ArtifactFolder("evaluations", message.EvaluationId, ReportFiles.JsonFileName);
            var json = await folders.UploadAsync(folder, directory);
            var markdown = await behaviour.Store.GetReferenceAsync(folder.KeyOf(ReportFiles.MarkdownFileName));
            await context.Publish(new EvaluationCompleted(message.RequestId, message.EvaluationId, json, markdown,
                report.Aggregate.Uar.Mean, report.Aggregate.Uar.StandardDeviation));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

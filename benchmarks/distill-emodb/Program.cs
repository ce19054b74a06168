using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillPlatform.Benchmarks.DistillEmoDb;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Evaluation;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Gan.Training;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.Torch;

// distill-emodb: the paper's study in-process (libraries only, no services) on EmoDB log-mel, 4 classes, test speakers
// emodb_03 and emodb_08: extract features, train a checkpoint pool, distil one GAN per loss preset, sample 50 and 100
// points per class (balanced) and 100 per class in the real class proportions, and evaluate every synthetic set and
// the real training set with the same downstream head and seeds. Prints a table; the last line is
// "distill-emodb: real_uar=R <arch>_divsml_100ppc_uar=U ratio=U/R ..." (see docs/benchmarks/distill-emodb.md).

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
string labels = Path.Combine(options.Corpus, "labels.csv");
if (!File.Exists(labels))
{
    Console.Error.WriteLine($"'{labels}' not found: pass --corpus DIR with DIR/labels.csv and DIR/wav/*.wav.");
    return 2;
}
// Two shared cores: intra-op threads only wait for each other there (see the Gan README's cost table).
torch.set_num_threads(1);
var total = Stopwatch.StartNew();
Console.WriteLine($"settings: {options.ModelPreset} {options.Architecture}, presets [{string.Join(", ", options.LossPresets)}], {options.Steps} steps, " +
    $"batch {options.BatchSize}, generator seed {options.GeneratorSeed}, {options.PoolRuns} pool runs, {options.EvaluationSeeds} evaluation seeds; work {options.WorkDirectory}");

// 1. Features, cached by their deterministic id.
var clock = Stopwatch.StartNew();
var extracted = await new FeatureExtractor(new FeatureExtractorOptions { MaxParallelism = 2, CreatedBy = "distill-emodb-benchmark" })
    .ExtractAsync(new FeatureExtractionRequest(new CorpusRequest(
        labels,
        LabelMapping.Keep("neutral", "happy", "sad", "angry"),
        SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], devFraction: 0.2, seed: 0))),
        Path.Combine(options.WorkDirectory, "features"));
var real = FeatureSetReader.Open(extracted.Directory);
var manifest = real.Manifest;
Console.WriteLine($"features: {manifest.Id} ({manifest.EncoderId}), {(extracted.FromCache ? "cached" : "extracted")} in {clock.Elapsed.TotalSeconds:F1} s; " +
    string.Join(", ", manifest.Splits.Select(s => $"{s.Key} {s.Value.Utterances} utt [{string.Join("/", s.Value.ClassCounts)}]")) +
    $"; classes [{string.Join(", ", manifest.Classes)}]");

// The downstream training of the real-baseline benchmark, used for the pool, the real reference and every synthetic set.
var training = new EmotionTrainingOptions { LearningRate = 1e-3, BatchSize = 32, MaxEpochs = 80, Patience = 15, BalanceClasses = true, MaxGradientNorm = 1.0 };
int[] evaluationSeeds = Enumerable.Range(0, options.EvaluationSeeds).ToArray();

// 2. Checkpoint pool Θ for L_SML: independent runs (seeds 100, 101, ...), every 5th epoch kept, so the pool holds
// teachers from barely trained to converged. Resumable: a rerun reuses the finished runs.
clock.Restart();
string poolDirectory = Path.Combine(options.WorkDirectory, $"pool-{manifest.Id}-{options.PoolRuns}runs");
var datasetOptions = EmotionDatasetOptions.NormalizedBy(manifest);
var pool = new CheckpointPoolTrainer(new CheckpointPoolOptions(HeadConfig.Default, training, CheckpointPoolOptions.SeedsFrom(100, options.PoolRuns), CheckpointSchedule.EveryEpochs(5)))
    .Train(EmotionDataset.Load(real, DataSplit.Train, datasetOptions), EmotionDataset.Load(real, DataSplit.Dev, datasetOptions), poolDirectory);
Console.WriteLine($"pool: {pool.Index.Checkpoints.Count} checkpoints from {pool.Index.Runs.Count} runs " +
    $"(dev UAR of the best epochs {string.Join(", ", pool.Index.Runs.Select(r => r.BestDevUar is { } uar ? uar.ToString("F3") : "–"))}), " +
    $"{pool.TrainedRuns.Count} trained now in {clock.Elapsed.TotalSeconds:F0} s");

// 3. The real training set: the reference of every ratio and McNemar test.
var evaluator = new TrainingSetEvaluator();
clock.Restart();
var realReport = evaluator.Evaluate(new TrainingSetEvaluationRequest("real", real, real, HeadConfig.Default, training, evaluationSeeds) { ProbeSpeakers = false });
var rows = new List<ResultRow> { new("real training set", "real", manifest.Split(DataSplit.Train)!.Utterances, realReport, null, clock.Elapsed.TotalSeconds) };
Console.WriteLine($"real: UAR {Describe(realReport)} ({clock.Elapsed.TotalSeconds:F0} s)");

// 4. One generator per loss preset, three synthetic sets each.
string architecture = GeneratorDistillationSettings.ArchitectureName(options.Architecture);
var realCounts = manifest.Classes.Select((name, i) => (name, count: manifest.Split(DataSplit.Train)!.ClassCounts[i])).ToDictionary(p => p.name, p => p.count);
var uarAt100 = new Dictionary<string, double>();
foreach (string preset in options.LossPresets)
{
    var hyperParameters = GanHyperParameters.FromPreset(preset);
    string generatorId = GeneratorId(architecture, preset, hyperParameters);
    var settings = new GeneratorDistillationSettings(generatorId, options.ModelPreset, options.Architecture, preset, hyperParameters,
        options.Steps, options.GeneratorSeed, options.BatchSize, CheckpointEvery: options.Steps, PoolId: Path.GetFileName(poolDirectory));
    string generatorWork = Path.Combine(options.WorkDirectory, "generators", generatorId);
    string generatorDirectory = Path.Combine(generatorWork, GeneratorDistiller.GeneratorFolder);
    clock.Restart();
    double? distillSeconds = null;
    if (!File.Exists(Path.Combine(generatorDirectory, GeneratorManifest.FileName)))
    {
        using var distiller = GeneratorDistiller.Create(extracted.Directory, settings.UsesTeachers ? poolDirectory : null, settings);
        GanStepReport? last = null;
        distiller.Run(generatorWork, callbacks: new DistillationCallbacks(OnStep: report =>
        {
            last = report;
            if (report.Step % Math.Max(1, options.Steps / 4) == 0)
                Console.WriteLine($"  {preset} step {report.Step}/{options.Steps}: W {report.WassersteinEstimate:F3}, GP {report.GradientPenalty:F3}, " +
                    $"critic CE real/synthetic {report.CriticRealClassification:F3}/{report.CriticSyntheticClassification:F3}, FM {report.FeatureMatching:F3}, " +
                    $"DIV {report.Diversity:F3}, SML {report.SoftmaxMatching:F3}; {clock.Elapsed.TotalSeconds / report.Step * 1000:F0} ms/step");
        }));
        distillSeconds = clock.Elapsed.TotalSeconds;
    }
    var generator = GeneratorManifest.Load(generatorDirectory);
    Console.WriteLine($"{preset}: generator {generatorId}, {generator.Steps} steps, " +
        (distillSeconds is { } s ? $"distilled in {s:F0} s ({s / options.Steps * 1000:F0} ms/step)" : "cached"));

    using var sampler = GanSampler.FromCheckpoint(generatorDirectory);
    var plans = new (string Label, int PointsPerClass, ClassCountPlan Plan)[]
    {
        ("50 ppc", 50, ClassCountPlan.Balanced(manifest.Classes, 50)),
        ("100 ppc", 100, ClassCountPlan.Balanced(manifest.Classes, 100)),
        ("100 ppc, real proportions", 100, ClassCountPlan.Original(manifest.Classes, realCounts, 100)),
    };
    foreach (var (label, pointsPerClass, plan) in plans)
    {
        clock.Restart();
        string setDirectory = Path.Combine(generatorWork, "sets", $"{plan.Distribution}-{pointsPerClass}");
        if (Directory.Exists(setDirectory))
            Directory.Delete(setDirectory, recursive: true);
        var set = SyntheticSetWriter.Write(sampler, generator, plan, seed: 7, setDirectory);
        var report = evaluator.Evaluate(new TrainingSetEvaluationRequest($"{generatorId}-{plan.Distribution}-{pointsPerClass}", FeatureSetReader.Open(set.Directory), real,
            HeadConfig.Default, training, evaluationSeeds)
        {
            Synthetic = new SyntheticOrigin(generatorId, preset, pointsPerClass),
            Reference = realReport,
            ProbeSpeakers = false,
        });
        rows.Add(new ResultRow($"{architecture} {preset}", label, plan.Total, report, distillSeconds, clock.Elapsed.TotalSeconds));
        Console.WriteLine($"  {label} [{string.Join("/", plan.Counts)}]: UAR {Describe(report)} ({clock.Elapsed.TotalSeconds:F0} s)");
        if (plan.Distribution == ClassCountPlan.BalancedName && pointsPerClass == 100)
            uarAt100[preset] = report.Aggregate.Uar.Mean;
    }
}

// 5. The table and the summary line.
double realUar = realReport.Aggregate.Uar.Mean;
Console.WriteLine();
Console.WriteLine("| training set | points | test UAR (mean ± std) | % of real | McNemar p vs real | distillation s |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var row in rows)
{
    var uar = row.Report.Aggregate.Uar;
    Console.WriteLine($"| {row.Name} | {row.Points} ({row.Sampling}) | {uar.Mean:F3} ± {uar.StandardDeviation:F3} | {100 * uar.Mean / realUar:F0} % | " +
        $"{(row.Report.McNemar is { } m ? m.PValue.ToString("F3") : "–")} | {(row.DistillSeconds is { } d ? d.ToString("F0") : "–")} |");
}
Console.WriteLine($"total {total.Elapsed.TotalMinutes:F1} min; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
var summary = new StringBuilder($"distill-emodb: real_uar={realUar:F4}");
foreach (var (preset, uar) in uarAt100)
    summary.Append($" {architecture}_{Slug(preset)}_100ppc_uar={uar:F4}");
if (uarAt100.TryGetValue("+div+sml", out double divSml))
    summary.Append($" ratio={divSml / realUar:F3}");
summary.Append($" steps={options.Steps} seeds={options.EvaluationSeeds}");
Console.WriteLine(summary);
return 0;

static string Describe(EvaluationReport report) => $"{report.Aggregate.Uar.Mean:F3} ± {report.Aggregate.Uar.StandardDeviation:F3}";

static string Slug(string preset) => preset == "baseline" ? "baseline" : preset.Replace("+", "");

// A generator is reused only when everything that shapes it is the same: the id hashes those settings.
string GeneratorId(string architecture, string preset, GanHyperParameters hyperParameters)
{
    string shape = $"{manifest.Id}|{options.ModelPreset}|{architecture}|{preset}|{hyperParameters}|{options.Steps}|{options.BatchSize}|{options.GeneratorSeed}|{options.PoolRuns}";
    string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..12];
    return $"{architecture}-{Slug(preset)}-{options.Steps}steps-{hash}";
}

/// <summary>One line of the result table.</summary>
internal sealed record ResultRow(string Name, string Sampling, int Points, EvaluationReport Report, double? DistillSeconds, double Seconds);

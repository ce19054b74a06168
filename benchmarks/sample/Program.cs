using System.Diagnostics;
using System.Globalization;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

// sample: throughput of SyntheticSetWriter, i.e. of the sampling service's work without the transfers: draw N points
// from a cpu-small generator and write them as a feature set in the real format to a local folder, on one torch
// thread. The generator keeps its random initial weights: the cost of a forward pass does not depend on training.
// Usage: SampleBenchmark --output DIR [--points N] [--classes C] [--architecture cnn|att] [--keep]
// Last line: "sample: points_per_s=P mb_per_s=M points=N bytes=B seconds=S".

var options = BenchmarkOptions.Parse(args);
torch.set_num_threads(1);
if (Directory.Exists(options.Output))
    Directory.Delete(options.Output, recursive: true);
string generatorFolder = Path.Combine(options.Output, "generator");
string setFolder = Path.Combine(options.Output, "set");

string[] classes = Enumerable.Range(0, options.Classes).Select(i => $"class{i}").ToArray();
GeneratorManifest generator = RandomGenerator.Create(generatorFolder, classes, options.Architecture);
// Balanced, rounded up so at least the asked number of points is drawn.
var plan = ClassCountPlan.Balanced(classes, (options.Points + classes.Length - 1) / classes.Length);
Console.WriteLine($"generator: cpu-small {options.Architecture}, {classes.Length} classes, {generator.Frames} x {generator.Dimensions} maps");
Console.WriteLine($"plan: {plan.Total} points ({plan.Counts[0]} per class), {SyntheticSetWriter.PointsPerDraw} per draw, shards of {new SyntheticSetWriterOptions().MaxShardBytes >> 20} MiB");

using (var sampler = GanSampler.FromCheckpoint(generatorFolder))
{
    // Warm-up: one draw, so one-time costs (library loading, first allocations) are not timed.
    SyntheticSetWriter.Write(sampler, generator, ClassCountPlan.Balanced(classes, 1), 1, Path.Combine(options.Output, "warm-up"));
    var clock = Stopwatch.StartNew();
    SyntheticSet set = SyntheticSetWriter.Write(sampler, generator, plan, 1, setFolder);
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"set: {set.Id}, {set.Manifest.Split(DistillPlatform.Features.Corpus.DataSplit.Train)!.Shards.Count} shards, {set.SizeBytes} bytes");
    if (!options.Keep)
        Directory.Delete(options.Output, recursive: true);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sample: points_per_s={plan.Total / seconds:F0} mb_per_s={set.SizeBytes / 1e6 / seconds:F1} points={plan.Total} bytes={set.SizeBytes} seconds={seconds:F1}"));
}

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchmarkOptions(string Output, int Points, int Classes, GanArchitecture Architecture, bool Keep)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Output: "", Points: 100_000, Classes: 4, GanArchitecture.Cnn, Keep: false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--output" => options with { Output = Value() },
                "--points" => options with { Points = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--classes" => options with { Classes = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--architecture" => options with { Architecture = Enum.Parse<GanArchitecture>(Value(), ignoreCase: true) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'; see the usage line at the top of Program.cs."),
            };
        }
        if (string.IsNullOrWhiteSpace(options.Output)) throw new ArgumentException("--output DIR is required (it is replaced).");
        if (options.Points < 1 || options.Classes < 2) throw new ArgumentException("--points must be at least 1 and --classes at least 2.");
        return options;
    }
}

/// <summary>A cpu-small generator folder with the trainer's initial weights and a matching generator.json.</summary>
internal static class RandomGenerator
{
    public static GeneratorManifest Create(string folder, IReadOnlyList<string> classes, GanArchitecture architecture)
    {
        GanModelConfig model = GanModelConfig.CpuSmall(classes.Count, architecture);
        // The trainer needs a batch source to exist; one short constant utterance per class is enough, it never steps.
        var corpus = Enumerable.Range(0, classes.Count)
            .Select(label => new FeatureUtterance(label, model.Frames, model.FeatureDimensions, Enumerable.Range(0, model.Frames * model.FeatureDimensions).Select(v => (float)(v % 7 + label)).ToArray()))
            .ToList();
        var normalization = FeatureNormalization.FromUtterances(corpus);
        using (var trainer = new GanTrainer(model, new GanHyperParameters(), normalization,
                   new ClassBalancedCropSampler(corpus, normalization, model.Frames, batchSize: classes.Count), teachers: null, seed: 1))
            trainer.SaveCheckpoint(folder);
        var manifest = new GeneratorManifest(GeneratorManifest.CurrentFormatVersion, "benchmark-random", "none", null,
            architecture.ToString().ToLowerInvariant(), "cpu-small", "baseline", 0, 1, classes,
            classes.ToDictionary(name => name, _ => 1), "logmel-80-25ms-10ms", model.FeatureDimensions, 100, model.Frames,
            new FileInfo(Path.Combine(folder, GanCheckpointFiles.Generator)).Length, DateTimeOffset.UtcNow);
        manifest.Save(folder);
        return manifest;
    }
}

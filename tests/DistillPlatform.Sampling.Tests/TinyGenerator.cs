using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Sampling.Tests;

/// <summary>
/// A generator folder as the distillation service stores it: a <c>cpu-tiny</c> GAN trained for two steps on random
/// 80-dimensional utterances (sample quality is irrelevant here, only shapes and determinism), its checkpoint, and a
/// <see cref="GeneratorManifest"/>.
/// </summary>
internal static class TinyGenerator
{
    public static readonly IReadOnlyList<string> Classes = ["angry", "happy", "neutral"];

    /// <summary>Real train-split counts the generator stands for: 60 %, 30 %, 10 %.</summary>
    public static readonly IReadOnlyDictionary<string, int> RealClassCounts = new Dictionary<string, int>
    {
        ["angry"] = 6,
        ["happy"] = 3,
        ["neutral"] = 1,
    };

    public const string EncoderId = "logmel-80-25ms-10ms";
    public const double FrameRateHz = 100;

    public static GeneratorManifest Create(string folder, string generatorId)
    {
        GanModelConfig model = GanModelConfig.FromPreset("cpu-tiny", Classes.Count);
        List<FeatureUtterance> corpus = RandomCorpus(model.FeatureDimensions);
        FeatureNormalization normalization = FeatureNormalization.FromUtterances(corpus);
        var source = new ClassBalancedCropSampler(corpus, normalization, model.Frames, batchSize: 6);
        const int steps = 2;
        using (var trainer = new GanTrainer(model, new GanHyperParameters(CriticSteps: 1), normalization, source, teachers: null, seed: 7))
        {
            for (int step = 0; step < steps; step++)
                trainer.TrainStep();
            trainer.SaveCheckpoint(folder);
        }
        var manifest = new GeneratorManifest(
            GeneratorManifest.CurrentFormatVersion, generatorId, FeatureSetId: "fs-real-source", PoolId: null,
            Architecture: "cnn", ModelPreset: "cpu-tiny", LossPreset: "baseline", Steps: steps, Seed: 7,
            Classes, RealClassCounts, EncoderId, model.FeatureDimensions, FrameRateHz, model.Frames,
            new FileInfo(Path.Combine(folder, GanCheckpointFiles.Generator)).Length, DateTimeOffset.UnixEpoch);
        manifest.Save(folder);
        return manifest;
    }

    /// <summary>Two utterances per class of 20–23 frames, values around a class- and dimension-specific level.</summary>
    private static List<FeatureUtterance> RandomCorpus(int dimensions)
    {
        var random = new Random(5);
        var corpus = new List<FeatureUtterance>();
        for (int label = 0; label < Classes.Count; label++)
        {
            for (int index = 0; index < 2; index++)
            {
                int frames = 20 + random.Next(4);
                var values = new float[frames * dimensions];
                for (int i = 0; i < values.Length; i++)
                    values[i] = (float)(-5 + label + 0.05 * (i % dimensions) + random.NextDouble());
                corpus.Add(new FeatureUtterance(label, frames, dimensions, values));
            }
        }
        return corpus;
    }
}

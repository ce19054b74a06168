using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Distillation.Tests.Library;

/// <summary>
/// A small synthetic feature set written with the real <see cref="FeatureSetWriter"/> into a temporary folder (deleted
/// on dispose): <see cref="Classes"/> classes whose frames are a class-specific offset pattern plus noise, far from
/// zero mean and unit scale (so unit conversions matter), 4 to 30 frames per utterance (shorter and longer than the
/// cpu-tiny crop of 16 frames). Utterance i of a class goes to train unless i % 4 == 3 (test).
/// </summary>
internal sealed class ToyFeatureSet : IDisposable
{
    public const int Dimensions = 6;

    private readonly string _root;

    public ToyFeatureSet(string id = "toy-set", int utterancesPerClass = 8, bool computeNormalization = true, IReadOnlyList<string>? classes = null)
    {
        Classes = classes ?? ["angry", "happy", "neutral"];
        _root = Path.Combine(Path.GetTempPath(), "distillation-tests-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(_root, "features");
        var random = new Random(7);
        var description = new FeatureSetDescription(id, FeatureSetKind.Real, "toy-encoder-6", "toy", 100, Dimensions,
            Classes, ["speaker0", "speaker1"], "distillation-tests");
        var writer = new FeatureSetWriter(Folder, description, new FeatureSetWriterOptions { ComputeNormalization = computeNormalization });
        TrainCounts = new int[Classes.Count];
        for (int label = 0; label < Classes.Count; label++)
        {
            for (int n = 0; n < utterancesPerClass; n++)
            {
                int frames = random.Next(4, 31);
                var values = new float[frames * Dimensions];
                for (int i = 0; i < values.Length; i++)
                {
                    int d = i % Dimensions;
                    values[i] = (float)(5 * d - 3 + 2.5 * Math.Cos(label + d) + (1 + d) * (random.NextDouble() - 0.5));
                }
                DataSplit split = n % 4 == 3 ? DataSplit.Test : DataSplit.Train;
                if (split == DataSplit.Train)
                    TrainCounts[label]++;
                writer.Add(split, $"c{label}-{n}", label, n % 2, frames, values);
            }
        }
        writer.Complete();
        Reader = FeatureSetReader.Open(Folder);
    }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Train utterances per class, counted while writing.</summary>
    public int[] TrainCounts { get; }

    public string Folder { get; }

    public FeatureSetReader Reader { get; }

    /// <summary>A path for a new folder under this set's temporary root.</summary>
    public string NewFolder(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}

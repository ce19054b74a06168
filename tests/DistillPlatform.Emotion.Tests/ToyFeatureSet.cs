using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Emotion.Tests;

/// <summary>
/// Shape of a tiny synthetic corpus: every (speaker, class) pair gets <see cref="UtterancesPerSpeakerAndClass"/>
/// utterances whose frames are class mean × <see cref="ClassStrength"/> + speaker mean × <see cref="SpeakerStrength"/>
/// + unit Gaussian noise. Class and speaker means are random unit-scale directions.
/// </summary>
public sealed record ToySpec(
    int Classes = 3,
    int Speakers = 4,
    int UtterancesPerSpeakerAndClass = 6,
    int Dimensions = 8,
    int MinFrames = 4,
    int MaxFrames = 16,
    double ClassStrength = 2.0,
    double SpeakerStrength = 0.0,
    int Seed = 1,
    double DevFraction = 0.25);

/// <summary>
/// Writes toy feature sets with the real <see cref="FeatureSetWriter"/> into a temporary folder (deleted on
/// Dispose), so tests read them through the same <see cref="FeatureSetReader"/> path as real sets.
/// Speaker 0 is the test speaker; a <see cref="ToySpec.DevFraction"/> share of the other utterances is dev.
/// </summary>
public sealed class ToyFeatureSet : IDisposable
{
    private readonly string _root;

    public ToyFeatureSet(ToySpec spec)
    {
        Spec = spec;
        _root = Path.Combine(Path.GetTempPath(), "emotion-tests-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(_root, "features");
        var random = new Random(spec.Seed);
        double[][] classMeans = RandomDirections(random, spec.Classes, spec.Dimensions);
        double[][] speakerMeans = RandomDirections(random, spec.Speakers, spec.Dimensions);
        var description = new FeatureSetDescription(
            "toy-" + spec.Seed, FeatureSetKind.Real, "toy-encoder", "toy", 100, spec.Dimensions,
            Enumerable.Range(0, spec.Classes).Select(c => $"class{c}").ToArray(),
            Enumerable.Range(0, spec.Speakers).Select(s => $"speaker{s}").ToArray(),
            "emotion-tests");
        var writer = new FeatureSetWriter(Folder, description);
        for (int speaker = 0; speaker < spec.Speakers; speaker++)
        {
            for (int label = 0; label < spec.Classes; label++)
            {
                for (int n = 0; n < spec.UtterancesPerSpeakerAndClass; n++)
                {
                    int frames = random.Next(spec.MinFrames, spec.MaxFrames + 1);
                    var values = new float[frames * spec.Dimensions];
                    for (int i = 0; i < values.Length; i++)
                    {
                        int d = i % spec.Dimensions;
                        values[i] = (float)(spec.ClassStrength * classMeans[label][d] + spec.SpeakerStrength * speakerMeans[speaker][d] + Gaussian(random));
                    }
                    DataSplit split = speaker == 0 ? DataSplit.Test : random.NextDouble() < spec.DevFraction ? DataSplit.Dev : DataSplit.Train;
                    writer.Add(split, $"s{speaker}-c{label}-{n}", label, speaker, frames, values);
                }
            }
        }
        writer.Complete();
        Reader = FeatureSetReader.Open(Folder);
    }

    public ToySpec Spec { get; }

    public string Folder { get; }

    public FeatureSetReader Reader { get; }

    /// <summary>A fresh empty folder under this set's temporary root (e.g. for a checkpoint pool).</summary>
    public string NewFolder(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static double[][] RandomDirections(Random random, int count, int dimensions) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var vector = Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray();
            double norm = Math.Sqrt(vector.Sum(v => v * v));
            return vector.Select(v => v / norm * Math.Sqrt(dimensions) / 2).ToArray();
        }).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

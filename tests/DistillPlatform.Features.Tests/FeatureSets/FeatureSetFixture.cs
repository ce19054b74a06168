using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Tests.FeatureSets;

/// <summary>Builds small feature sets with values that encode (utterance, frame, dimension), in a temporary folder.</summary>
public sealed class FeatureSetFixture : IDisposable
{
    public const int Dimensions = 3;

    public FeatureSetFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "distill-featureset-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A fresh (not yet existing) output folder inside <see cref="Root"/>.</summary>
    public string NewOutputDirectory() => Path.Combine(Root, Guid.NewGuid().ToString("N"));

    public static FeatureSetDescription RealDescription() =>
        new("fs-test", FeatureSetKind.Real, "logmel-3-test", "n_mels=3", 100.0, Dimensions,
            ["neutral", "happy", "sad"], ["spk_a", "spk_b", "spk_c"], "feature-set-tests")
        {
            SourceCorpusHash = "corpus-hash",
            LabelMapping = LabelMapping.Keep("neutral", "happy", "sad").Canonical,
            SplitPolicy = new ManifestSplitPolicy().Canonical,
            Preprocessing = "none",
        };

    /// <summary>Frame f, dimension d of utterance u: distinct and easy to recompute.</summary>
    public static float Value(int utterance, int frame, int dimension) => utterance * 100f + frame + dimension * 0.25f;

    public static float[] Frames(int utterance, int frames)
    {
        var values = new float[frames * Dimensions];
        for (int f = 0; f < frames; f++)
        {
            for (int d = 0; d < Dimensions; d++)
            {
                values[f * Dimensions + d] = Value(utterance, f, d);
            }
        }
        return values;
    }

    /// <summary>One planned utterance.</summary>
    public sealed record Utterance(DataSplit Split, int Index, int Frames, int Label, int Speaker)
    {
        public string Id => $"utt{Index:D3}";
    }

    public static void AddAll(FeatureSetWriter writer, IEnumerable<Utterance> utterances)
    {
        foreach (Utterance u in utterances)
        {
            writer.Add(u.Split, u.Id, u.Label, u.Speaker, u.Frames, Frames(u.Index, u.Frames));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

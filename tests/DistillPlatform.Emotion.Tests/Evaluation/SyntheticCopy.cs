using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Emotion.Tests.Evaluation;

/// <summary>
/// Writes a synthetic feature set (speakers unknown, train split only) from a real set's train utterances with the
/// real <see cref="FeatureSetWriter"/>, optionally renaming the classes, keeping only the first dimensions, or leaving
/// a class out, so the evaluator's compatibility checks meet each kind of mismatch.
/// </summary>
public static class SyntheticCopy
{
    public static FeatureSetReader Write(string folder, FeatureSetReader real, IReadOnlyList<string>? classes = null,
        int? dimensions = null, int? omitClass = null)
    {
        var manifest = real.Manifest;
        int dims = dimensions ?? manifest.Dimensions;
        var description = new FeatureSetDescription(
            "synthetic-of-" + manifest.Id, FeatureSetKind.Synthetic, manifest.EncoderId, manifest.EncoderConfig, manifest.FrameRateHz,
            dims, classes ?? manifest.Classes, [], "emotion-tests");
        var writer = new FeatureSetWriter(folder, description);
        var data = real.ReadSplit(DataSplit.Train);
        for (int i = 0; i < data.Count; i++)
        {
            int label = (int)data.Labels[i];
            if (label == omitClass) continue;
            int frames = (int)data.Lengths[i];
            float[] source = data.Frames(i).ToArray();
            var values = new float[frames * dims];
            for (int f = 0; f < frames; f++)
                Array.Copy(source, f * manifest.Dimensions, values, f * dims, dims);
            writer.Add(DataSplit.Train, "synthetic-" + i, label, FeatureSetLayout.UnknownSpeaker, frames, values);
        }
        writer.Complete();
        return FeatureSetReader.Open(folder);
    }
}

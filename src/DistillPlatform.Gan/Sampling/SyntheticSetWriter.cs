using System.Globalization;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Sampling;

/// <summary>
/// Samples a synthetic training set from a generator and writes it as a feature set in exactly the real format
/// (<see cref="FeatureSetLayout"/>), so every reader of real features reads it unchanged:
/// <list type="bullet">
/// <item>one train split; every point is one utterance of the generator's T frames, labelled with its class index;</item>
/// <item>speakers are unknown (an empty speaker list and speaker index -1, the format's rule for synthetic sets);</item>
/// <item>the label map is the generator's class list, and encoder id, dimensions and frame rate come from its manifest;</item>
/// <item>no normalisation statistics: consumers scale synthetic features with the real train split's statistics.</item>
/// </list>
/// Points are ordered by class (all of class 0, then class 1, ...) and drawn <see cref="PointsPerDraw"/> at a time;
/// draw k uses the noise of seed <see cref="DrawSeed"/>(seed, k). The set is thus a function of the generator, the
/// plan and the seed alone: shard size changes only how the same utterances are cut into files. Shards are written
/// as they fill, so memory holds one shard and one draw however many points are asked for.
/// </summary>
public static class SyntheticSetWriter
{
    /// <summary>
    /// Points per generator call. Fixed rather than a setting because it decides which noise each point gets (the
    /// noise of a call is one torch.randn after torch.manual_seed); 256 maps of cpu-small size are about 5 MB.
    /// </summary>
    public const int PointsPerDraw = 256;

    /// <summary>Utterance ids are this prefix and the point's position in the set.</summary>
    public const string UtteranceIdPrefix = "synthetic-";

    /// <exception cref="ArgumentException">The plan's classes are not the generator's.</exception>
    /// <exception cref="InvalidDataException">The generator manifest and the checkpoint disagree on the model's shape.</exception>
    /// <exception cref="IOException">The output folder exists and is not empty.</exception>
    public static SyntheticSet Write(GanSampler sampler, GeneratorManifest generator, ClassCountPlan plan, long seed,
        string outputDirectory, SyntheticSetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new SyntheticSetWriterOptions();
        CheckGeneratorFitsCheckpoint(generator, sampler);
        if (!plan.Classes.SequenceEqual(generator.Classes, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The plan's classes [{string.Join(", ", plan.Classes)}] are not generator {generator.GeneratorId}'s [{string.Join(", ", generator.Classes)}].",
                nameof(plan));
        }

        string id = SyntheticSetId.For(generator.GeneratorId, plan, seed);
        var writer = new FeatureSetWriter(outputDirectory, Describe(id, generator, plan, seed, options),
            new FeatureSetWriterOptions { MaxShardBytes = options.MaxShardBytes, ComputeNormalization = false });

        int[] labels = ClassOfEveryPoint(plan);
        int valuesPerPoint = generator.Frames * generator.Dimensions;
        var drawValues = new float[Math.Min(PointsPerDraw, labels.Length) * valuesPerPoint];
        for (int start = 0, draw = 0; start < labels.Length; start += PointsPerDraw, draw++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(PointsPerDraw, labels.Length - start);
            Span<float> values = drawValues.AsSpan(0, count * valuesPerPoint);
            using (torch.NewDisposeScope())
                sampler.Sample(new ArraySegment<int>(labels, start, count), DrawSeed(seed, draw)).CopyTo(values);
            for (int point = 0; point < count; point++)
            {
                writer.Add(DataSplit.Train, UtteranceIdPrefix + (start + point).ToString("D7", CultureInfo.InvariantCulture),
                    labels[start + point], FeatureSetLayout.UnknownSpeaker, generator.Frames,
                    values.Slice(point * valuesPerPoint, valuesPerPoint));
            }
        }

        FeatureSetManifest manifest = writer.Complete();
        string directory = Path.GetFullPath(outputDirectory);
        long manifestBytes = new FileInfo(Path.Combine(directory, FeatureSetLayout.ManifestFileName)).Length;
        long shardBytes = manifest.Splits.Values.SelectMany(split => split.Shards).Sum(shard => shard.Bytes);
        return new SyntheticSet(id, directory, manifest, shardBytes + manifestBytes);
    }

    /// <summary>
    /// The torch seed of draw <paramref name="draw"/>: SplitMix64's output for the set seed advanced by draw + 1
    /// golden-ratio steps, cut to 63 bits. Neighbouring draws and neighbouring set seeds get unrelated noise.
    /// </summary>
    public static long DrawSeed(long seed, int draw)
    {
        ulong z = unchecked((ulong)seed + (ulong)(draw + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) & long.MaxValue);
    }

    private static int[] ClassOfEveryPoint(ClassCountPlan plan) =>
        plan.Counts.SelectMany((count, classIndex) => Enumerable.Repeat(classIndex, count)).ToArray();

    private static FeatureSetDescription Describe(string id, GeneratorManifest generator, ClassCountPlan plan, long seed,
        SyntheticSetWriterOptions options) =>
        new(id,
            FeatureSetKind.Synthetic,
            generator.EncoderId,
            // The generator manifest names the encoder but not its readable configuration; point at the set that has it.
            EncoderConfig: $"as feature set {generator.FeatureSetId}",
            generator.FrameRateHz,
            generator.Dimensions,
            generator.Classes,
            Speakers: [],
            options.CreatedBy)
        {
            Preprocessing = string.Create(CultureInfo.InvariantCulture,
                $"sampled from generator {generator.GeneratorId} (distribution={plan.Distribution}, seed={seed}, points-per-draw={PointsPerDraw})"),
        };

    private static void CheckGeneratorFitsCheckpoint(GeneratorManifest generator, GanSampler sampler)
    {
        var model = sampler.Model;
        if (model.Classes != generator.Classes.Count || model.Frames != generator.Frames || model.FeatureDimensions != generator.Dimensions)
        {
            throw new InvalidDataException(
                $"Generator {generator.GeneratorId}: {GeneratorManifest.FileName} describes {generator.Classes.Count} classes of " +
                $"{generator.Frames} × {generator.Dimensions} maps, but its checkpoint's model has {model.Classes} classes of " +
                $"{model.Frames} × {model.FeatureDimensions}; the folder mixes files of different generators.");
        }
    }
}

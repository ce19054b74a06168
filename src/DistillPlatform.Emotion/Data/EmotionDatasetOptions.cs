using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Emotion.Data;

/// <summary>
/// How utterances of a feature set become model input.
/// </summary>
public sealed record EmotionDatasetOptions
{
    /// <summary>
    /// Longer utterances are cut to their central <see cref="MaxFrames"/> frames (the middle of an acted utterance
    /// carries its emotion; onsets and tails are mostly silence after trimming). Null keeps every frame.
    /// </summary>
    public int? MaxFrames { get; init; }

    /// <summary>
    /// Per-dimension statistics applied as (x − mean) / max(std, <see cref="NormalizationFloor"/>); null feeds the
    /// features unchanged. Use the train split's statistics from the manifest
    /// (<see cref="FeatureSetManifest.Normalization"/>) for every split, so dev and test are scaled like train.
    /// </summary>
    public FeatureNormalization? Normalization { get; init; }

    /// <summary>Lower bound on the std divisor, so a constant dimension maps to 0 instead of blowing up.</summary>
    public double NormalizationFloor { get; init; } = 1e-5;

    /// <summary>Options that normalise with the train statistics recorded in <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">The manifest has no statistics (the writer ran without ComputeNormalization).</exception>
    public static EmotionDatasetOptions NormalizedBy(FeatureSetManifest manifest, int? maxFrames = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var statistics = manifest.Normalization ?? throw new ArgumentException(
            $"Feature set '{manifest.Id}' has no normalization statistics in its manifest; write it with ComputeNormalization or train without normalization.",
            nameof(manifest));
        return new EmotionDatasetOptions { MaxFrames = maxFrames, Normalization = statistics };
    }
}

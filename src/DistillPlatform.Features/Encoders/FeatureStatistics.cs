namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Per-dimension mean and standard deviation of frame features over a set of utterances, used to standardise
/// features (z = (x − mean) / std) with statistics computed once, typically on the training split only.
/// </summary>
/// <param name="Mean">Per-dimension mean.</param>
/// <param name="StandardDeviation">Per-dimension population standard deviation.</param>
/// <param name="FrameCount">Number of frames the statistics were computed from.</param>
public sealed record FeatureStatistics(double[] Mean, double[] StandardDeviation, long FrameCount)
{
    /// <summary>Dimensions with a smaller spread are divided by this instead, so constant dimensions stay finite.</summary>
    public const double MinimumStandardDeviation = 1e-5;

    public int Dimensions => Mean.Length;

    /// <summary>Mean and std over every frame of every utterance (all must have the same dimensions).</summary>
    /// <remarks>Sums are accumulated per utterance around that utterance's first frame and merged with Chan's parallel
    /// formula, which stays accurate for log-mel values whose mean is large compared with their spread.</remarks>
    public static FeatureStatistics Compute(IEnumerable<FrameFeatures> utterances)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        double[]? mean = null, sumSquaredDeviations = null;
        long count = 0;
        foreach (var utterance in utterances)
        {
            mean ??= new double[utterance.Dimensions];
            sumSquaredDeviations ??= new double[utterance.Dimensions];
            if (utterance.Dimensions != mean.Length)
            {
                throw new ArgumentException($"All utterances must have the same dimensions: expected {mean.Length}, got {utterance.Dimensions}.", nameof(utterances));
            }

            if (utterance.Frames == 0)
            {
                continue;
            }

            for (var d = 0; d < mean.Length; d++)
            {
                // Mean and squared deviations of this utterance's dimension d, then merge into the running totals.
                double utteranceSum = 0;
                for (var f = 0; f < utterance.Frames; f++)
                {
                    utteranceSum += utterance.Values[f * utterance.Dimensions + d];
                }

                var utteranceMean = utteranceSum / utterance.Frames;
                double utteranceSquares = 0;
                for (var f = 0; f < utterance.Frames; f++)
                {
                    var deviation = utterance.Values[f * utterance.Dimensions + d] - utteranceMean;
                    utteranceSquares += deviation * deviation;
                }

                var total = count + utterance.Frames;
                var delta = utteranceMean - mean[d];
                mean[d] += delta * utterance.Frames / total;
                sumSquaredDeviations[d] += utteranceSquares + delta * delta * count * utterance.Frames / total;
            }

            count += utterance.Frames;
        }

        if (mean is null || sumSquaredDeviations is null || count == 0)
        {
            throw new ArgumentException("Feature statistics need at least one frame.", nameof(utterances));
        }

        var standardDeviation = sumSquaredDeviations.Select(s => Math.Sqrt(s / count)).ToArray();
        return new FeatureStatistics(mean, standardDeviation, count);
    }

    /// <summary>Returns standardised features: (x − mean) / max(std, <see cref="MinimumStandardDeviation"/>).</summary>
    public FrameFeatures Standardize(FrameFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Dimensions != Dimensions)
        {
            throw new ArgumentException($"Features have {features.Dimensions} dimensions but the statistics have {Dimensions}.", nameof(features));
        }

        var values = new float[features.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var d = i % Dimensions;
            values[i] = (float)((features.Values[i] - Mean[d]) / Math.Max(StandardDeviation[d], MinimumStandardDeviation));
        }

        return new FrameFeatures(features.Frames, features.Dimensions, values);
    }
}

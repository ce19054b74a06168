using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Data;

/// <summary>
/// Per-dimension standardisation (x − mean) / std with statistics of the training split. The GAN works on standardised
/// maps; <see cref="Denormalize"/> maps generated features back to feature units.
/// </summary>
public sealed record FeatureNormalization(float[] Mean, float[] Std)
{
    /// <summary>Standard deviations below this are raised to it, so constant dimensions do not divide by zero.</summary>
    public const float MinimumStd = 1e-5f;

    public int Dimensions => Mean.Length;

    /// <summary>Mean and population standard deviation of every dimension over all frames of <paramref name="utterances"/>.</summary>
    public static FeatureNormalization FromUtterances(IReadOnlyCollection<FeatureUtterance> utterances)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        if (utterances.Count == 0)
            throw new ArgumentException("Normalisation statistics need at least one training utterance.", nameof(utterances));
        int dimensions = utterances.First().Dimensions;
        var sum = new double[dimensions];
        var sumOfSquares = new double[dimensions];
        long frames = 0;
        foreach (var utterance in utterances)
        {
            utterance.Validate();
            if (utterance.Dimensions != dimensions)
                throw new ArgumentException($"Utterances disagree on the feature dimension: {dimensions} and {utterance.Dimensions}.", nameof(utterances));
            for (int frame = 0; frame < utterance.Frames; frame++)
            {
                for (int dimension = 0; dimension < dimensions; dimension++)
                {
                    double value = utterance.Values[frame * dimensions + dimension];
                    sum[dimension] += value;
                    sumOfSquares[dimension] += value * value;
                }
            }
            frames += utterance.Frames;
        }
        var mean = new float[dimensions];
        var std = new float[dimensions];
        for (int dimension = 0; dimension < dimensions; dimension++)
        {
            double average = sum[dimension] / frames;
            double variance = Math.Max(sumOfSquares[dimension] / frames - average * average, 0);
            mean[dimension] = (float)average;
            std[dimension] = Math.Max((float)Math.Sqrt(variance), MinimumStd);
        }
        return new FeatureNormalization(mean, std);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless mean and std are equally long, finite, and std positive.</summary>
    public FeatureNormalization Validate()
    {
        if (Mean is null || Std is null || Mean.Length == 0 || Mean.Length != Std.Length)
            throw new ArgumentException("Normalisation needs one mean and one standard deviation per feature dimension.");
        if (Mean.Any(v => !float.IsFinite(v)) || Std.Any(v => !(v > 0) || !float.IsFinite(v)))
            throw new ArgumentException("Normalisation means must be finite and standard deviations finite and positive.");
        return this;
    }

    /// <summary>Standardises one value of dimension <paramref name="dimension"/>.</summary>
    public float Normalize(float value, int dimension) => (value - Mean[dimension]) / Std[dimension];

    /// <summary>Maps standardised features [..., D] back to feature units; the result lives in the caller's scope.</summary>
    public Tensor Denormalize(Tensor standardised)
    {
        if (standardised.shape[^1] != Dimensions)
            throw new ArgumentException($"Expected a last dimension of {Dimensions}; got [{string.Join(", ", standardised.shape)}].", nameof(standardised));
        using var scope = torch.NewDisposeScope();
        var std = torch.tensor(Std);
        var mean = torch.tensor(Mean);
        return (standardised * std + mean).MoveToOuterScope();
    }
}

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// Per-dimension mean and population standard deviation accumulated frame by frame with Welford's update, which
/// stays accurate when the mean is large compared with the spread (log-mel energies), unlike sum-of-squares.
/// </summary>
internal sealed class RunningFrameStatistics(int dimensions)
{
    private readonly double[] _mean = new double[dimensions];
    private readonly double[] _sumOfSquaredDeviations = new double[dimensions];

    public long Frames { get; private set; }

    /// <summary>Adds frames given row-major [frames, dimensions].</summary>
    public void Add(ReadOnlySpan<float> frames)
    {
        for (int start = 0; start < frames.Length; start += dimensions)
        {
            ReadOnlySpan<float> frame = frames.Slice(start, dimensions);
            Frames++;
            double weight = 1.0 / Frames;
            for (int d = 0; d < dimensions; d++)
            {
                double delta = frame[d] - _mean[d];
                _mean[d] += delta * weight;
                _sumOfSquaredDeviations[d] += delta * (frame[d] - _mean[d]);
            }
        }
    }

    public FeatureNormalization ToNormalization(string split) => new(
        split,
        Frames,
        _mean.ToArray(),
        _sumOfSquaredDeviations.Select(s => Frames > 0 ? Math.Sqrt(s / Frames) : 0).ToArray());
}

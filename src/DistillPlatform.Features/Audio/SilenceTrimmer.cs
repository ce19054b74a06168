namespace DistillPlatform.Features.Audio;

/// <summary>
/// Cuts leading and trailing silence. The signal is split into 10 ms blocks; the first and last blocks whose RMS
/// reaches <c>threshold</c> dB relative to the recording's peak sample mark the speech, and
/// <c>margin</c> milliseconds are kept on each side so soft onsets and releases are not clipped.
/// </summary>
/// <remarks>The threshold is relative, so trimming does not depend on recording gain. Input with no block above the
/// threshold (including digital silence) is returned unchanged: there is nothing to anchor the cut on.</remarks>
public static class SilenceTrimmer
{
    private const double BlockSeconds = 0.010;

    public static float[] Trim(ReadOnlySpan<float> samples, int sampleRate, double thresholdDb, double marginMilliseconds)
    {
        if (thresholdDb >= 0 || double.IsNaN(thresholdDb))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdDb), thresholdDb, "The silence threshold must be negative dB relative to the peak, e.g. -40.");
        }

        if (marginMilliseconds < 0 || double.IsNaN(marginMilliseconds))
        {
            throw new ArgumentOutOfRangeException(nameof(marginMilliseconds), marginMilliseconds, "The margin must be zero or positive.");
        }

        var peak = LevelNormalizer.Peak(samples);
        if (peak == 0)
        {
            return samples.ToArray();
        }

        var threshold = peak * LevelNormalizer.DbToAmplitude(thresholdDb);
        var blockLength = Math.Max(1, (int)Math.Round(BlockSeconds * sampleRate));
        var blockCount = (samples.Length + blockLength - 1) / blockLength;

        int firstLoudBlock = -1, lastLoudBlock = -1;
        for (var block = 0; block < blockCount; block++)
        {
            var start = block * blockLength;
            var blockSamples = samples.Slice(start, Math.Min(blockLength, samples.Length - start));
            if (LevelNormalizer.Rms(blockSamples) >= threshold)
            {
                if (firstLoudBlock < 0)
                {
                    firstLoudBlock = block;
                }

                lastLoudBlock = block;
            }
        }

        if (firstLoudBlock < 0)
        {
            return samples.ToArray();
        }

        var margin = (int)Math.Round(marginMilliseconds / 1000 * sampleRate);
        var keepStart = Math.Max(0, firstLoudBlock * blockLength - margin);
        var keepEnd = Math.Min(samples.Length, (lastLoudBlock + 1) * blockLength + margin);
        return samples[keepStart..keepEnd].ToArray();
    }
}

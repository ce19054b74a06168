namespace DistillPlatform.Gan.Data;

/// <summary>
/// One utterance's frame features in feature units, row-major [Frames, Dimensions] (the layout of FrameFeatures),
/// with its class index.
/// </summary>
public sealed record FeatureUtterance(int Label, int Frames, int Dimensions, float[] Values)
{
    /// <summary>Throws <see cref="ArgumentException"/> when the values do not fill [Frames, Dimensions].</summary>
    public FeatureUtterance Validate()
    {
        if (Frames < 1 || Dimensions < 1 || Values is null || Values.Length != (long)Frames * Dimensions)
            throw new ArgumentException(
                $"An utterance needs Frames × Dimensions values (got {Frames} × {Dimensions} with {Values?.Length ?? 0} values).");
        if (Label < 0)
            throw new ArgumentException($"Utterance label {Label} is negative; labels are class indices from 0.");
        return this;
    }
}

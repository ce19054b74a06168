namespace DistillPlatform.Emotion.Probe;

/// <summary>
/// Settings of the speaker-ID probe. The probe is a single linear layer trained full-batch with Adam for a fixed
/// number of steps on standardised embeddings; a fixed budget (no early stopping) keeps it comparable across models.
/// </summary>
public sealed record SpeakerProbeOptions
{
    /// <summary>Share of each speaker's utterances held out to measure the probe (at least one per speaker).</summary>
    public double TestFraction { get; init; } = 0.25;

    /// <summary>Full-batch Adam steps.</summary>
    public int Epochs { get; init; } = 300;

    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Seeds the probe-train/probe-test split and the probe's initial weights.</summary>
    public int Seed { get; init; }

    public void Validate()
    {
        if (TestFraction is <= 0 or >= 1 || double.IsNaN(TestFraction))
            throw new ArgumentException($"TestFraction must be in (0, 1); got {TestFraction}.");
        if (Epochs < 1)
            throw new ArgumentException($"Epochs must be at least 1; got {Epochs}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"LearningRate must be a positive number; got {LearningRate}.");
    }
}

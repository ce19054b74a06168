namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Privacy check of the paper's Table 4: a linear probe trained to recognise the speaker from the first layer of the
/// trained emotion model. Accuracy near <see cref="ChanceLevel"/> means the model keeps little speaker identity.
/// </summary>
/// <param name="Accuracy">Speaker-identification accuracy of the probe on held-out utterances, in [0, 1].</param>
/// <param name="SpeakerCount">Number of speakers the probe chooses between.</param>
/// <param name="ChanceLevel">Accuracy of guessing (1 / speakers for balanced data, the majority share otherwise).</param>
public sealed record SpeakerProbeResult(double Accuracy, int SpeakerCount, double ChanceLevel)
{
    public double Accuracy { get; } = Accuracy is >= 0 and <= 1
        ? Accuracy
        : throw new ArgumentOutOfRangeException(nameof(Accuracy), Accuracy, "Speaker-ID accuracy must lie in [0, 1].");

    public int SpeakerCount { get; } = SpeakerCount >= 2
        ? SpeakerCount
        : throw new ArgumentOutOfRangeException(nameof(SpeakerCount), SpeakerCount, "A speaker-ID probe needs at least 2 speakers.");

    public double ChanceLevel { get; } = ChanceLevel is > 0 and <= 1
        ? ChanceLevel
        : throw new ArgumentOutOfRangeException(nameof(ChanceLevel), ChanceLevel, "The chance level must lie in (0, 1].");

    /// <summary>A probe over speakers with equally many utterances each: chance is 1 / speakers.</summary>
    public static SpeakerProbeResult WithUniformChance(double accuracy, int speakerCount) =>
        new(accuracy, speakerCount, speakerCount > 0 ? 1.0 / speakerCount : 0);
}

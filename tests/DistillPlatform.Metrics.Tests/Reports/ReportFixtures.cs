using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Metrics.Tests.Reports;

/// <summary>
/// A tiny test set whose metrics are computed by hand in the comments below, shared by the report tests.
/// Classes: anger (0), happy (1), sad (2). Test set: 3 anger, 2 happy, 3 sad.
/// </summary>
internal static class ReportFixtures
{
    public static readonly string[] Labels = ["anger", "happy", "sad"];

    public static readonly int[] Truth = [0, 0, 0, 1, 1, 2, 2, 2];

    /// <summary>Recall anger 2/3, happy 2/2, sad 2/3: UAR 7/9, accuracy 6/8. Wrong at positions 2 and 7.</summary>
    public static readonly int[] PredictionsA = [0, 0, 1, 1, 1, 2, 2, 0];

    /// <summary>Recall anger 1/3, happy 1/2, sad 3/3: UAR 11/18, accuracy 5/8. Wrong at positions 1, 2 and 4.</summary>
    public static readonly int[] PredictionsB = [0, 1, 1, 1, 0, 2, 2, 2];

    /// <summary>All correct: UAR 1, accuracy 1.</summary>
    public static readonly int[] PredictionsC = [0, 0, 0, 1, 1, 2, 2, 2];

    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 22, 0, 30, 0, TimeSpan.Zero);

    public static EvaluationSetup RealSetup(string evaluationId = "eval-real") => new(
        evaluationId,
        new TrainingSetDescription("features-emodb-train", TrainingSetKind.Real, null, [60, 40, 50], null, null),
        "features-emodb-test",
        Labels,
        new Dictionary<string, string> { ["type"] = "linear", ["hidden"] = "0" },
        new Dictionary<string, string> { ["optimizer"] = "adam", ["lr"] = "0.001", ["maxEpochs"] = "30" });

    public static EvaluationSetup SyntheticSetup(string evaluationId, string lossPreset, int pointsPerClass) => new(
        evaluationId,
        new TrainingSetDescription($"synthetic-{lossPreset}-{pointsPerClass}", TrainingSetKind.Synthetic, pointsPerClass,
            [pointsPerClass, pointsPerClass, pointsPerClass], $"gan-{lossPreset}", lossPreset),
        "features-emodb-test",
        Labels,
        new Dictionary<string, string> { ["type"] = "linear" },
        new Dictionary<string, string> { ["optimizer"] = "adam" });

    public static RepeatOutcome Repeat(int seed, int[] predictions, double wallTimeSeconds = 10, int epochs = 10, int bestEpoch = 5) =>
        new(seed, predictions, wallTimeSeconds, epochs, bestEpoch);

    /// <summary>An evaluation with one repeat per prediction array (seeds 1, 2, ...), all with the given wall time.</summary>
    public static EvaluationReport Evaluation(EvaluationSetup setup, double wallTimeSeconds, params int[][] predictionsPerRepeat)
    {
        var builder = new EvaluationReportBuilder(setup, Truth) { BootstrapResamples = 200 };
        for (var i = 0; i < predictionsPerRepeat.Length; i++)
        {
            builder.AddRepeat(Repeat(i + 1, predictionsPerRepeat[i], wallTimeSeconds));
        }
        return builder.Build(CreatedAt);
    }
}

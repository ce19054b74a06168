using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// McNemar's test of this evaluation against a reference evaluation on the same test set. Each evaluation is
/// represented by its median-UAR repeat (the same repeat as the bootstrap interval), because the test needs one
/// prediction per test example and model.
/// </summary>
/// <param name="ReferenceEvaluationId">Evaluation id of the reference (e.g. the real-data baseline).</param>
/// <param name="RepeatIndex">Index of this evaluation's repeat that was compared.</param>
/// <param name="ReferenceRepeatIndex">Index of the reference's repeat that was compared.</param>
/// <param name="OnlyThisCorrect">b: test examples this evaluation's model got right and the reference's got wrong.</param>
/// <param name="OnlyReferenceCorrect">c: test examples the reference's model got right and this one got wrong.</param>
public sealed record McNemarComparison(
    string ReferenceEvaluationId,
    int RepeatIndex,
    int ReferenceRepeatIndex,
    int OnlyThisCorrect,
    int OnlyReferenceCorrect,
    double Statistic,
    double PValue,
    McNemarMethod Method)
{
    /// <summary>The same numbers as a <see cref="McNemarResult"/>, for the shared Markdown summary.</summary>
    public McNemarResult ToResult() => new(OnlyThisCorrect, OnlyReferenceCorrect, Statistic, PValue, Method);

    /// <summary>
    /// Compares the median repeat of <paramref name="subject"/> (given as raw parts, because the subject report may
    /// still be under construction) with the median repeat of <paramref name="reference"/>.
    /// </summary>
    internal static McNemarComparison Between(
        EvaluationSetup subjectSetup,
        IReadOnlyList<int> testTrueClasses,
        int subjectRepeatIndex,
        IReadOnlyList<int> subjectPredictions,
        EvaluationReport reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var subjectId = subjectSetup.EvaluationId;
        var referenceId = reference.Setup.EvaluationId;
        if (subjectSetup.TestSetId != reference.Setup.TestSetId)
        {
            throw new ArgumentException(
                $"McNemar's test needs both evaluations on the same test set: '{subjectId}' used test set '{subjectSetup.TestSetId}', " +
                $"reference '{referenceId}' used '{reference.Setup.TestSetId}'.");
        }
        if (!subjectSetup.LabelMap.SequenceEqual(reference.Setup.LabelMap))
        {
            throw new ArgumentException(
                $"Evaluations '{subjectId}' and '{referenceId}' use different label maps " +
                $"([{string.Join(", ", subjectSetup.LabelMap)}] vs [{string.Join(", ", reference.Setup.LabelMap)}]); class indices would not match.");
        }
        if (!testTrueClasses.SequenceEqual(reference.TestTrueClasses))
        {
            throw new ArgumentException(
                $"Evaluations '{subjectId}' and '{referenceId}' name the same test set '{subjectSetup.TestSetId}' but their true classes differ " +
                "(different order or content); McNemar's test pairs predictions by test example.");
        }

        var referenceRepeatIndex = reference.Aggregate.MedianRepeatIndex;
        var result = McNemarTest.Compare(testTrueClasses, subjectPredictions, reference.Repeats[referenceRepeatIndex].Predictions);
        return new McNemarComparison(referenceId, subjectRepeatIndex, referenceRepeatIndex,
            result.OnlyFirstCorrect, result.OnlySecondCorrect, result.Statistic, result.PValue, result.Method);
    }
}

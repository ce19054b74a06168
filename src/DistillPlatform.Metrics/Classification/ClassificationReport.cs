namespace DistillPlatform.Metrics.Classification;

/// <summary>
/// The evaluation of one model on one test set.
/// <list type="bullet">
/// <item><b>UAR</b> (unweighted average recall, the paper's metric): mean of per-class recall over the classes that have
/// at least one test example. Classes without test examples have no recall; they are left out of the mean and listed
/// in <see cref="ClassesWithoutTestExamples"/> so that a report can say so.</item>
/// <item><b>Weighted accuracy</b>: overall accuracy, correct / total (recall weighted by class support).</item>
/// <item><b>Macro-F1</b>: mean of per-class F1 over the same classes as UAR. A class that is never predicted has
/// precision 0 by convention (instead of the undefined 0/0), which gives it F1 = 0: a model that ignores a class is
/// penalised rather than silently excused.</item>
/// </list>
/// </summary>
public sealed record ClassificationReport(
    ConfusionMatrix Confusion,
    IReadOnlyList<ClassMetrics> PerClass,
    double Uar,
    double WeightedAccuracy,
    double MacroF1,
    IReadOnlyList<string> ClassesWithoutTestExamples)
{
    public static ClassificationReport Compute(
        IReadOnlyList<string> classNames, IReadOnlyList<int> trueClasses, IReadOnlyList<int> predictedClasses) =>
        FromConfusion(ConfusionMatrix.FromPredictions(classNames, trueClasses, predictedClasses));

    public static ClassificationReport FromConfusion(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        if (confusion.Total == 0)
        {
            throw new ArgumentException("Cannot evaluate an empty test set: the confusion matrix has no examples.", nameof(confusion));
        }

        var perClass = new ClassMetrics[confusion.ClassCount];
        for (var c = 0; c < confusion.ClassCount; c++)
        {
            var support = confusion.Support(c);
            var predicted = confusion.PredictedCount(c);
            var correct = confusion[c, c];
            double? recall = support == 0 ? null : (double)correct / support;
            var precision = predicted == 0 ? 0.0 : (double)correct / predicted;
            double? f1 = recall is not { } r ? null : (precision + r == 0 ? 0.0 : 2 * precision * r / (precision + r));
            perClass[c] = new ClassMetrics(confusion.ClassNames[c], support, predicted, recall, precision, f1);
        }

        var evaluated = perClass.Where(m => m.Recall is not null).ToArray();
        return new ClassificationReport(
            confusion,
            perClass,
            Uar: evaluated.Average(m => m.Recall!.Value),
            WeightedAccuracy: (double)confusion.CorrectCount / confusion.Total,
            MacroF1: evaluated.Average(m => m.F1!.Value),
            ClassesWithoutTestExamples: perClass.Where(m => m.Recall is null).Select(m => m.Name).ToArray());
    }

    /// <summary>UAR straight from label arrays, without building a report (used in bootstrap loops).</summary>
    internal static double UnweightedAverageRecall(int classCount, ReadOnlySpan<int> trueClasses, ReadOnlySpan<int> predictedClasses)
    {
        Span<int> support = classCount <= 256 ? stackalloc int[classCount] : new int[classCount];
        Span<int> correct = classCount <= 256 ? stackalloc int[classCount] : new int[classCount];
        support.Clear();
        correct.Clear();
        for (var i = 0; i < trueClasses.Length; i++)
        {
            support[trueClasses[i]]++;
            if (trueClasses[i] == predictedClasses[i]) correct[trueClasses[i]]++;
        }
        double sum = 0;
        var present = 0;
        for (var c = 0; c < classCount; c++)
        {
            if (support[c] == 0) continue;
            sum += (double)correct[c] / support[c];
            present++;
        }
        return sum / present;
    }
}

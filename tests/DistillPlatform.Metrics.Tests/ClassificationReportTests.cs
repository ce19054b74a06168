using DistillPlatform.Metrics.Classification;

namespace DistillPlatform.Metrics.Tests;

public class ClassificationReportTests
{
    // Hand-worked case. Classes a, b, c, d; d has no test examples, c is never predicted, d is predicted once.
    //   truth:     a a a a b b b c c
    //   predicted: a a b a a b b a d
    // Confusion rows (true) x cols (predicted):
    //   a: 3 1 0 0    b: 1 2 0 0    c: 1 0 0 1    d: 0 0 0 0
    // Recall a = 3/4, b = 2/3, c = 0, d undefined   -> UAR = (3/4 + 2/3 + 0) / 3 = 17/36
    // Precision a = 3/5, b = 2/3, c = 0 (never predicted), d = 0/1
    // F1 a = 2·(3/5)(3/4)/(3/5+3/4) = 2/3, b = 2/3, c = 0 -> macro-F1 = 4/9; accuracy = 5/9
    private static readonly string[] Classes = ["a", "b", "c", "d"];
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 0, 0, 1, 1, 0, 3];

    [Fact]
    public void Confusion_matrix_has_true_classes_as_rows_and_predictions_as_columns()
    {
        var confusion = ConfusionMatrix.FromPredictions(Classes, Truth, Predicted);

        int[,] expected = { { 3, 1, 0, 0 }, { 1, 2, 0, 0 }, { 1, 0, 0, 1 }, { 0, 0, 0, 0 } };
        for (var t = 0; t < 4; t++)
            for (var p = 0; p < 4; p++)
                Assert.Equal(expected[t, p], confusion[t, p]);
        Assert.Equal(9, confusion.Total);
        Assert.Equal(5, confusion.CorrectCount);
    }

    [Fact]
    public void Summary_metrics_match_hand_computation()
    {
        var report = ClassificationReport.Compute(Classes, Truth, Predicted);

        Assert.Equal(17.0 / 36, report.Uar, 12);
        Assert.Equal(5.0 / 9, report.WeightedAccuracy, 12);
        Assert.Equal(4.0 / 9, report.MacroF1, 12);
        Assert.Equal(["d"], report.ClassesWithoutTestExamples);
    }

    [Fact]
    public void Per_class_metrics_follow_the_documented_conventions()
    {
        var report = ClassificationReport.Compute(Classes, Truth, Predicted);
        var (a, b, c, d) = (report.PerClass[0], report.PerClass[1], report.PerClass[2], report.PerClass[3]);

        Assert.Equal((4, 5), (a.Support, a.PredictedCount));
        Assert.Equal(0.75, a.Recall!.Value, 12);
        Assert.Equal(0.6, a.Precision, 12);
        Assert.Equal(2.0 / 3, a.F1!.Value, 12);
        Assert.Equal(2.0 / 3, b.Recall!.Value, 12);
        Assert.Equal(2.0 / 3, b.Precision, 12);

        // Never predicted: precision 0 by convention, so F1 = 0.
        Assert.Equal(0, c.PredictedCount);
        Assert.Equal(0.0, c.Recall);
        Assert.Equal(0.0, c.Precision);
        Assert.Equal(0.0, c.F1);

        // No test examples: recall and F1 undefined, precision still counts its one wrong prediction.
        Assert.Equal(0, d.Support);
        Assert.Null(d.Recall);
        Assert.Null(d.F1);
        Assert.Equal(0.0, d.Precision);
    }

    [Fact]
    public void Perfect_predictions_score_one_everywhere()
    {
        int[] truth = [0, 1, 2, 2, 1, 0];
        var report = ClassificationReport.Compute(["x", "y", "z"], truth, truth);

        Assert.Equal(1.0, report.Uar);
        Assert.Equal(1.0, report.WeightedAccuracy);
        Assert.Equal(1.0, report.MacroF1);
        Assert.Empty(report.ClassesWithoutTestExamples);
    }

    [Fact]
    public void Uar_differs_from_accuracy_under_class_imbalance()
    {
        // 8 examples of the majority class all right, 2 of the minority class all wrong:
        // accuracy 8/10, UAR (1 + 0) / 2.
        int[] truth = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        int[] predicted = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var report = ClassificationReport.Compute(["majority", "minority"], truth, predicted);

        Assert.Equal(0.8, report.WeightedAccuracy, 12);
        Assert.Equal(0.5, report.Uar, 12);
    }

    [Fact]
    public void Confusion_from_counts_gives_the_same_report_as_from_predictions()
    {
        var fromCounts = ClassificationReport.FromConfusion(
            ConfusionMatrix.FromCounts(Classes, new[,] { { 3, 1, 0, 0 }, { 1, 2, 0, 0 }, { 1, 0, 0, 1 }, { 0, 0, 0, 0 } }));

        Assert.Equal(17.0 / 36, fromCounts.Uar, 12);
        Assert.Equal(4.0 / 9, fromCounts.MacroF1, 12);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_naming_the_problem()
    {
        var lengths = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(Classes, [0, 1], [0]));
        Assert.Contains("same length", lengths.Message);

        var range = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.Compute(Classes, [0, 4], [0, 1]));
        Assert.Contains("valid class indices are 0..3", range.Message);

        var duplicate = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["a", "a"], [0], [0]));
        Assert.Contains("'a' appears more than once", duplicate.Message);

        var empty = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(Classes, [], []));
        Assert.Contains("empty test set", empty.Message);

        var shape = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromCounts(["a", "b"], new int[3, 3]));
        Assert.Contains("must be 2x2", shape.Message);
    }
}

namespace DistillPlatform.Metrics.Classification;

/// <summary>
/// Counts of (true class, predicted class) pairs. Rows are true classes, columns are predicted classes,
/// so <c>this[t, p]</c> is how many test examples of class t were predicted as class p.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    private ConfusionMatrix(IReadOnlyList<string> classNames, int[,] counts)
    {
        ClassNames = classNames;
        _counts = counts;
    }

    public IReadOnlyList<string> ClassNames { get; }

    public int ClassCount => ClassNames.Count;

    /// <summary>Number of examples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass] => _counts[trueClass, predictedClass];

    public int Total
    {
        get
        {
            var total = 0;
            foreach (var count in _counts) total += count;
            return total;
        }
    }

    /// <summary>Test examples whose true class is <paramref name="classIndex"/> (row sum).</summary>
    public int Support(int classIndex)
    {
        var sum = 0;
        for (var p = 0; p < ClassCount; p++) sum += _counts[classIndex, p];
        return sum;
    }

    /// <summary>Test examples predicted as <paramref name="classIndex"/> (column sum).</summary>
    public int PredictedCount(int classIndex)
    {
        var sum = 0;
        for (var t = 0; t < ClassCount; t++) sum += _counts[t, classIndex];
        return sum;
    }

    public int CorrectCount
    {
        get
        {
            var sum = 0;
            for (var c = 0; c < ClassCount; c++) sum += _counts[c, c];
            return sum;
        }
    }

    /// <summary>Builds the matrix from parallel arrays of true and predicted class indices.</summary>
    public static ConfusionMatrix FromPredictions(
        IReadOnlyList<string> classNames, IReadOnlyList<int> trueClasses, IReadOnlyList<int> predictedClasses)
    {
        LabelValidation.RequireClassNames(classNames);
        LabelValidation.RequireSameLength(trueClasses, predictedClasses, "true classes", "predicted classes");
        LabelValidation.RequireInRange(trueClasses, classNames.Count, "true classes");
        LabelValidation.RequireInRange(predictedClasses, classNames.Count, "predicted classes");

        var counts = new int[classNames.Count, classNames.Count];
        for (var i = 0; i < trueClasses.Count; i++) counts[trueClasses[i], predictedClasses[i]]++;
        return new ConfusionMatrix(classNames.ToArray(), counts);
    }

    /// <summary>Wraps an existing square count table (rows = true, columns = predicted).</summary>
    public static ConfusionMatrix FromCounts(IReadOnlyList<string> classNames, int[,] counts)
    {
        LabelValidation.RequireClassNames(classNames);
        if (counts.GetLength(0) != classNames.Count || counts.GetLength(1) != classNames.Count)
        {
            throw new ArgumentException(
                $"Confusion counts must be {classNames.Count}x{classNames.Count} to match the class names, " +
                $"got {counts.GetLength(0)}x{counts.GetLength(1)}.", nameof(counts));
        }
        foreach (var count in counts)
        {
            if (count < 0) throw new ArgumentException("Confusion counts must not be negative.", nameof(counts));
        }
        return new ConfusionMatrix(classNames.ToArray(), (int[,])counts.Clone());
    }
}

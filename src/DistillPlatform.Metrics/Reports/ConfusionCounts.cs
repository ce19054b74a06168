using DistillPlatform.Metrics.Classification;

namespace DistillPlatform.Metrics.Reports;

/// <summary>Converts between <see cref="ConfusionMatrix"/> and the row-major nested arrays stored in report JSON.</summary>
public static class ConfusionCounts
{
    public static IReadOnlyList<IReadOnlyList<int>> ToRows(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        return Enumerable.Range(0, confusion.ClassCount)
            .Select(t => (IReadOnlyList<int>)Enumerable.Range(0, confusion.ClassCount).Select(p => confusion[t, p]).ToArray())
            .ToArray();
    }

    public static ConfusionMatrix ToMatrix(IReadOnlyList<string> classNames, IReadOnlyList<IReadOnlyList<int>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(row => row.Count != rows.Count))
        {
            throw new ArgumentException($"Confusion rows must form a square table; got {rows.Count} rows of lengths [{string.Join(", ", rows.Select(r => r.Count))}].", nameof(rows));
        }
        var counts = new int[rows.Count, rows.Count];
        for (var t = 0; t < rows.Count; t++)
        {
            for (var p = 0; p < rows.Count; p++) counts[t, p] = rows[t][p];
        }
        return ConfusionMatrix.FromCounts(classNames, counts);
    }

    /// <summary>Element-wise sum of equally sized confusion tables.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Sum(IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> tables)
    {
        if (tables.Count == 0) throw new ArgumentException("Summing confusion tables needs at least one table.", nameof(tables));
        var size = tables[0].Count;
        var sum = new int[size][];
        for (var t = 0; t < size; t++)
        {
            sum[t] = new int[size];
            foreach (var table in tables)
            {
                for (var p = 0; p < size; p++) sum[t][p] += table[t][p];
            }
        }
        return sum;
    }
}

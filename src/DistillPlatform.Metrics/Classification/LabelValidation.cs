namespace DistillPlatform.Metrics.Classification;

/// <summary>Argument checks shared by every metric, so that bad input fails with a message naming what to fix.</summary>
internal static class LabelValidation
{
    public static void RequireClassNames(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0) throw new ArgumentException("At least one class name is required.", nameof(classNames));
        if (classNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Class names must not be empty.", nameof(classNames));
        }
        var duplicate = classNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Class name '{duplicate.Key}' appears more than once.", nameof(classNames));
        }
    }

    public static void RequireSameLength<TA, TB>(
        IReadOnlyList<TA> first, IReadOnlyList<TB> second, string firstName, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException(
                $"The {firstName} ({first.Count} items) and the {secondName} ({second.Count} items) must have the same length.");
        }
    }

    public static void RequireInRange(IReadOnlyList<int> classes, int classCount, string what)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] < 0 || classes[i] >= classCount)
            {
                throw new ArgumentOutOfRangeException(
                    what, classes[i], $"The {what} contain index {classes[i]} at position {i}; valid class indices are 0..{classCount - 1}.");
            }
        }
    }
}

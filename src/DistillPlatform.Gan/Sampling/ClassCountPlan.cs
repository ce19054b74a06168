namespace DistillPlatform.Gan.Sampling;

/// <summary>
/// How many synthetic points each generator class gets, worked out from one of three rules:
/// <list type="bullet">
/// <item><see cref="Balanced"/>: the same number for every class.</item>
/// <item><see cref="Original"/>: N × classes points in all, shared out in proportion to the real training split's class
/// counts with largest-remainder rounding, so the total is exact and each class is within one point of its share;
/// every class then gets at least one point (a class absent from a training set cannot be learnt or fairly scored).</item>
/// <item><see cref="Explicit"/>: the caller's own count per class name.</item>
/// </list>
/// Invalid input is an <see cref="ArgumentException"/> whose message names what to fix.
/// </summary>
public sealed class ClassCountPlan
{
    public const string BalancedName = "balanced";
    public const string OriginalName = "original";
    public const string ExplicitName = "explicit";

    private readonly int[] _counts;

    private ClassCountPlan(string distribution, IReadOnlyList<string> classes, int[] counts)
    {
        Distribution = distribution;
        Classes = classes.ToArray();
        _counts = counts;
        Total = counts.Sum(count => (long)count) switch
        {
            > int.MaxValue => throw new ArgumentException(
                $"The plan asks for {counts.Sum(count => (long)count)} points in all, more than the {int.MaxValue} a feature set holds."),
            var total => (int)total,
        };
        if (Total == 0)
            throw new ArgumentException("The plan asks for no point at all; give at least one class a positive count.");
    }

    /// <summary>Which rule made the plan: <see cref="BalancedName"/>, <see cref="OriginalName"/> or <see cref="ExplicitName"/>.</summary>
    public string Distribution { get; }

    /// <summary>The generator's class names, in class-index order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Points per class, aligned with <see cref="Classes"/>.</summary>
    public IReadOnlyList<int> Counts => _counts;

    public int Total { get; }

    /// <summary>Points per class name, in class-index order.</summary>
    public IReadOnlyDictionary<string, int> PointsPerClassName =>
        Classes.Select((name, index) => (name, index)).ToDictionary(entry => entry.name, entry => _counts[entry.index], StringComparer.Ordinal);

    /// <summary><paramref name="pointsPerClass"/> points for every class.</summary>
    public static ClassCountPlan Balanced(IReadOnlyList<string> classes, int pointsPerClass)
    {
        CheckClasses(classes);
        CheckPointsPerClass(pointsPerClass);
        return new ClassCountPlan(BalancedName, classes, Enumerable.Repeat(pointsPerClass, classes.Count).ToArray());
    }

    /// <summary>
    /// <paramref name="pointsPerClass"/> × classes points shared in proportion to <paramref name="realClassCounts"/>
    /// (class name → real training utterances; every class must be listed, and nothing else). Each class first gets
    /// the whole part of its exact share; the points left over go one each to the classes with the largest fractional
    /// parts (the lower class index first on a tie). A class left with none then takes one point from the class that
    /// has the most at that moment (again the lower index first on a tie).
    /// </summary>
    public static ClassCountPlan Original(IReadOnlyList<string> classes, IReadOnlyDictionary<string, int> realClassCounts, int pointsPerClass)
    {
        CheckClasses(classes);
        ArgumentNullException.ThrowIfNull(realClassCounts);
        CheckPointsPerClass(pointsPerClass);
        long total = (long)pointsPerClass * classes.Count;
        if (total > int.MaxValue)
            throw new ArgumentException($"{pointsPerClass} points per class × {classes.Count} classes is more than the {int.MaxValue} points a feature set holds.");

        var missing = classes.Where(name => !realClassCounts.ContainsKey(name)).ToArray();
        var unknown = realClassCounts.Keys.Where(name => !classes.Contains(name, StringComparer.Ordinal)).ToArray();
        var negative = realClassCounts.Where(entry => entry.Value < 0).Select(entry => $"'{entry.Key}' ({entry.Value})").ToArray();
        if (missing.Length > 0 || unknown.Length > 0 || negative.Length > 0)
        {
            var problems = new List<string>();
            if (missing.Length > 0) problems.Add($"no real count for class(es) {Quoted(missing)}");
            if (unknown.Length > 0) problems.Add($"real counts for class(es) {Quoted(unknown)} the generator does not have");
            if (negative.Length > 0) problems.Add($"negative real count(s) for {string.Join(", ", negative)}");
            throw new ArgumentException(
                $"The real class counts do not fit the generator's classes [{string.Join(", ", classes)}]: {string.Join("; ", problems)}.");
        }
        long realTotal = classes.Sum(name => (long)realClassCounts[name]);
        if (realTotal == 0)
            throw new ArgumentException("Every real class count is 0, so there are no proportions to follow; use the balanced distribution.");

        // Exact integer arithmetic: share_c = total · real_c / realTotal, split into whole part and remainder.
        var counts = new int[classes.Count];
        var remainders = new long[classes.Count];
        for (int c = 0; c < classes.Count; c++)
        {
            long scaled = total * realClassCounts[classes[c]];
            counts[c] = (int)(scaled / realTotal);
            remainders[c] = scaled % realTotal;
        }
        int leftover = (int)(total - counts.Sum());
        foreach (int c in Enumerable.Range(0, classes.Count).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(leftover))
            counts[c]++;

        // total ≥ classes, so while a class has 0 points another has at least 2 to give.
        for (int c = 0; c < classes.Count; c++)
        {
            if (counts[c] > 0) continue;
            int donor = Array.IndexOf(counts, counts.Max());
            counts[donor]--;
            counts[c] = 1;
        }
        return new ClassCountPlan(OriginalName, classes, counts);
    }

    /// <summary>
    /// Exactly <paramref name="classCounts"/> (class name → points; classes not named get none). Every name must be
    /// one of the generator's classes and every count 0 or more, and at least one count positive.
    /// </summary>
    public static ClassCountPlan Explicit(IReadOnlyList<string> classes, IReadOnlyDictionary<string, int>? classCounts)
    {
        CheckClasses(classes);
        if (classCounts is null || classCounts.Count == 0)
            throw new ArgumentException($"The explicit distribution needs class counts (class name → points) for some of the classes {Quoted(classes)}.");
        var unknown = classCounts.Keys.Where(name => !classes.Contains(name, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown class name(s) {Quoted(unknown)} in the class counts; the generator's classes are {Quoted(classes)}.");
        var negative = classCounts.Where(entry => entry.Value < 0).Select(entry => $"'{entry.Key}' ({entry.Value})").ToArray();
        if (negative.Length > 0)
            throw new ArgumentException($"Class counts must be 0 or more; negative for {string.Join(", ", negative)}.");
        return new ClassCountPlan(ExplicitName, classes, classes.Select(name => classCounts.GetValueOrDefault(name)).ToArray());
    }

    public override string ToString() =>
        $"{Distribution}: {string.Join(", ", Classes.Select((name, index) => $"{name}={_counts[index]}"))}";

    private static void CheckClasses(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0)
            throw new ArgumentException("The generator lists no classes.");
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
            throw new ArgumentException($"The generator's class names repeat: [{string.Join(", ", classes)}].");
    }

    private static void CheckPointsPerClass(int pointsPerClass)
    {
        if (pointsPerClass < 1)
            throw new ArgumentException($"Points per class must be at least 1; got {pointsPerClass}.");
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));
}

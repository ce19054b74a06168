using DistillPlatform.Gan.Sampling;

namespace DistillPlatform.Sampling.Tests;

/// <summary>Expected counts are worked out by hand in the comments.</summary>
public sealed class ClassCountPlanTests
{
    private static readonly string[] Three = ["a", "b", "c"];

    private static Dictionary<string, int> Counts(params (string Name, int Count)[] entries) =>
        entries.ToDictionary(entry => entry.Name, entry => entry.Count);

    [Fact]
    public void Balanced_gives_every_class_the_same_count()
    {
        var plan = ClassCountPlan.Balanced(Three, 4);

        Assert.Equal([4, 4, 4], plan.Counts);
        Assert.Equal(12, plan.Total);
        Assert.Equal("balanced", plan.Distribution);
        Assert.Equal(Counts(("a", 4), ("b", 4), ("c", 4)), plan.PointsPerClassName);
    }

    public static TheoryData<int[], int, int[]> OriginalCases => new()
    {
        // 4 classes × 10 = 40 points; shares 40·50/100 = 20, 12, 6, 2 are whole.
        { new[] { 50, 30, 15, 5 }, 10, new[] { 20, 12, 6, 2 } },
        // 6 points over 7:5:3 (15): shares 2.8, 2.0, 1.2 → whole parts 2, 2, 1 (5); the 1 left goes to the largest fraction (a).
        { new[] { 7, 5, 3 }, 2, new[] { 3, 2, 1 } },
        // 6 points over 2:2:1 (5): shares 2.4, 2.4, 1.2 → 2, 2, 1; a and b tie at .4, the lower index (a) gets the point.
        { new[] { 2, 2, 1 }, 2, new[] { 3, 2, 1 } },
        // 3 points over 97:2:1 (100): shares 2.91, .06, .03 → 2, 0, 0 and the leftover to a → 3, 0, 0; b then takes one
        // from the largest (a) → 2, 1, 0, and c one more from a → 1, 1, 1.
        { new[] { 97, 2, 1 }, 1, new[] { 1, 1, 1 } },
        // 6 points over 6:3:1 (10): shares 3.6, 1.8, .6 → 3, 1, 0 (4); the 2 left go to b (.8) and a (.6, ties c, lower index)
        // → 4, 2, 0; c takes one from a → 3, 2, 1.
        { new[] { 6, 3, 1 }, 2, new[] { 3, 2, 1 } },
        // A class without real examples still gets one point: 9 points over 5:4:0 → 5, 4, 0 → 4, 4, 1.
        { new[] { 5, 4, 0 }, 3, new[] { 4, 4, 1 } },
    };

    [Theory]
    [MemberData(nameof(OriginalCases))]
    public void Original_shares_classes_times_N_by_the_real_proportions_with_largest_remainders(int[] real, int pointsPerClass, int[] expected)
    {
        string[] classes = Enumerable.Range(0, real.Length).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var realCounts = classes.Select((name, i) => (name, real[i])).ToDictionary(entry => entry.name, entry => entry.Item2);

        var plan = ClassCountPlan.Original(classes, realCounts, pointsPerClass);

        Assert.Equal(expected, plan.Counts);
        Assert.Equal(pointsPerClass * classes.Length, plan.Total);
        Assert.Equal("original", plan.Distribution);
    }

    [Fact]
    public void Explicit_takes_the_given_counts_and_gives_unnamed_classes_none()
    {
        var plan = ClassCountPlan.Explicit(Three, Counts(("c", 7), ("a", 2)));

        Assert.Equal([2, 0, 7], plan.Counts);
        Assert.Equal(9, plan.Total);
        Assert.Equal("explicit", plan.Distribution);
    }

    [Fact]
    public void Explicit_rejects_unknown_class_names_naming_them_and_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassCountPlan.Explicit(Three, Counts(("a", 1), ("sad", 2), ("bored", 1))));

        Assert.Contains("Unknown class name(s) 'sad', 'bored'", error.Message);
        Assert.Contains("'a', 'b', 'c'", error.Message);
    }

    [Fact]
    public void Explicit_rejects_negative_counts_naming_the_class()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassCountPlan.Explicit(Three, Counts(("a", 1), ("b", -3))));

        Assert.Contains("'b' (-3)", error.Message);
    }

    [Fact]
    public void Explicit_rejects_missing_or_all_zero_counts()
    {
        Assert.Contains("needs class counts", Assert.Throws<ArgumentException>(() => ClassCountPlan.Explicit(Three, null)).Message);
        Assert.Contains("no point at all", Assert.Throws<ArgumentException>(() => ClassCountPlan.Explicit(Three, Counts(("a", 0)))).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Balanced_and_original_need_at_least_one_point_per_class(int pointsPerClass)
    {
        Assert.Contains($"at least 1; got {pointsPerClass}", Assert.Throws<ArgumentException>(() => ClassCountPlan.Balanced(Three, pointsPerClass)).Message);
        Assert.Contains($"at least 1; got {pointsPerClass}",
            Assert.Throws<ArgumentException>(() => ClassCountPlan.Original(Three, Counts(("a", 1), ("b", 1), ("c", 1)), pointsPerClass)).Message);
    }

    [Fact]
    public void Original_rejects_real_counts_that_do_not_match_the_classes()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassCountPlan.Original(Three, Counts(("a", 1), ("b", 1), ("x", 1)), 2));

        Assert.Contains("no real count for class(es) 'c'", error.Message);
        Assert.Contains("'x' the generator does not have", error.Message);
        Assert.Contains("use the balanced distribution",
            Assert.Throws<ArgumentException>(() => ClassCountPlan.Original(Three, Counts(("a", 0), ("b", 0), ("c", 0)), 2)).Message);
    }

    [Fact]
    public void Totals_beyond_what_a_feature_set_holds_are_rejected()
    {
        Assert.Contains("more than", Assert.Throws<ArgumentException>(() => ClassCountPlan.Balanced(Three, int.MaxValue / 2)).Message);
    }
}

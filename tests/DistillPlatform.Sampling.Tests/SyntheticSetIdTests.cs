using DistillPlatform.Gan.Sampling;

namespace DistillPlatform.Sampling.Tests;

public sealed class SyntheticSetIdTests
{
    private static readonly string[] Classes = ["a", "b"];

    [Fact]
    public void The_id_depends_on_generator_distribution_counts_and_seed_and_nothing_else()
    {
        string id = SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(Classes, 3), 1);

        Assert.Matches("^syn-[0-9a-f]{32}$", id);
        Assert.Equal(id, SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(Classes, 3), 1));
        string[] different =
        [
            SyntheticSetId.For("gen-2", ClassCountPlan.Balanced(Classes, 3), 1),
            SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(Classes, 4), 1),
            SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(Classes, 3), 2),
            // The same counts by another rule still name another set: the request differs.
            SyntheticSetId.For("gen-1", ClassCountPlan.Explicit(Classes, new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 }), 1),
            SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(["a", "c"], 3), 1),
        ];
        Assert.Equal(different.Length + 1, different.Append(id).Distinct().Count());
    }

    [Fact]
    public void Ids_stay_exactly_what_earlier_versions_computed()
    {
        // Regression pins: stored synthetic sets are found by id, so the recipe must never drift. These values were
        // computed by SyntheticSetId before its hashing moved to ContentId; a change here orphans every stored set.
        Assert.Equal("syn-3d5e7c2eb4a1c954095e0bda4d1d3849", SyntheticSetId.For("gen-1", ClassCountPlan.Balanced(Classes, 3), 1));
        Assert.Equal("syn-37f3f6c7dd53f7ab454bae4b2f366d4f", SyntheticSetId.For("gen-0123456789abcdef0123",
            ClassCountPlan.Explicit(["neutral", "ärger", "happy"], new Dictionary<string, int> { ["neutral"] = 5, ["ärger"] = 0, ["happy"] = 12 }), -3));
    }
}

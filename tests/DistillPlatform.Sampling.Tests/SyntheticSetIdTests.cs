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
}

using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Services.Sampling;

namespace DistillPlatform.Sampling.Tests;

public sealed class SamplingRequestMapperTests
{
    private static readonly GeneratorManifest Generator = new(
        GeneratorManifest.CurrentFormatVersion, "gen-1", "fs-real", null, "cnn", "cpu-tiny", "baseline", 2, 1,
        TinyGenerator.Classes, TinyGenerator.RealClassCounts, TinyGenerator.EncoderId, 80, TinyGenerator.FrameRateHz, 16, 1000,
        DateTimeOffset.UnixEpoch);

    private static readonly SampleSyntheticSet Request = new(Guid.NewGuid(), "gen-1", PointsPerClass: 2);

    [Fact]
    public void Each_distribution_maps_onto_its_class_count_rule()
    {
        SamplingPlan balanced = SamplingRequestMapper.ToPlan(Request with { Seed = 4 }, Generator);
        Assert.Equal([2, 2, 2], balanced.Counts.Counts);
        Assert.Equal((4, "gen-1"), (balanced.Seed, balanced.GeneratorId));
        Assert.Equal(SyntheticSetId.For("gen-1", balanced.Counts, 4), balanced.SyntheticSetId);

        // 6 points over the real 6:3:1, worked out in ClassCountPlanTests.
        Assert.Equal([3, 2, 1], SamplingRequestMapper.ToPlan(Request with { Distribution = ClassDistribution.Original }, Generator).Counts.Counts);

        var explicitCounts = new Dictionary<string, int> { ["neutral"] = 5 };
        SamplingPlan chosen = SamplingRequestMapper.ToPlan(
            Request with { Distribution = ClassDistribution.Explicit, ClassCounts = explicitCounts, PointsPerClass = 0 }, Generator);
        Assert.Equal([0, 0, 5], chosen.Counts.Counts);
        Assert.Equal(balanced.SyntheticSetId, SamplingRequestMapper.ToPlan(Request with { RequestId = Guid.NewGuid(), Seed = 4 }, Generator).SyntheticSetId);
    }

    public static TheoryData<SampleSyntheticSet, string> BadRequests => new()
    {
        { Request with { GeneratorId = " " }, "GeneratorId is empty" },
        { Request with { GeneratorId = "a/b" }, "single non-empty path segment" },
        { Request with { PointsPerClass = 0 }, "PointsPerClass must be at least 1 for the Balanced distribution; got 0" },
        { Request with { Distribution = ClassDistribution.Original, PointsPerClass = -1 }, "at least 1 for the Original distribution; got -1" },
        { Request with { ClassCounts = new Dictionary<string, int> { ["angry"] = 1 } }, "used only with the Explicit distribution" },
        { Request with { Distribution = ClassDistribution.Explicit }, "The Explicit distribution needs ClassCounts" },
        { Request with { Distribution = (ClassDistribution)7 }, "Distribution 7 is not one of Balanced, Original, Explicit" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Malformed_requests_are_rejected_before_any_download(SampleSyntheticSet request, string expected)
    {
        var error = Assert.Throws<InvalidSamplingRequestException>(() => SamplingRequestMapper.CheckRequest(request));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Class_counts_that_do_not_fit_the_generator_are_rejected_naming_the_class()
    {
        var request = Request with { Distribution = ClassDistribution.Explicit, ClassCounts = new Dictionary<string, int> { ["sad"] = 3 } };

        var error = Assert.Throws<InvalidSamplingRequestException>(() => SamplingRequestMapper.ToPlan(request, Generator));

        Assert.Contains("Cannot sample from generator 'gen-1': Unknown class name(s) 'sad'", error.Message);
    }
}

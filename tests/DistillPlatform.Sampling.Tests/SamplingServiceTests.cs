using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Gan.Training;
using DistillPlatform.Services.Sampling;
using MassTransit;

namespace DistillPlatform.Sampling.Tests;

public sealed class SamplingServiceTests(SamplingServiceFixture service) : IClassFixture<SamplingServiceFixture>
{
    /// <summary>Covers a tiny set plus the broker round trips on a loaded two-core machine.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_balanced_set_is_sampled_stored_readable_and_the_same_request_is_answered_from_the_store()
    {
        var command = new SampleSyntheticSet(Guid.NewGuid(), SamplingServiceFixture.GeneratorId, PointsPerClass: 4, Seed: 21);

        SyntheticSetSampled sampled = await SampleAsync(command);

        Assert.False(sampled.FromCache);
        Assert.Equal(SamplingServiceFixture.GeneratorId, sampled.GeneratorId);
        Assert.Equal(new Dictionary<string, int> { ["angry"] = 4, ["happy"] = 4, ["neutral"] = 4 }, sampled.PointsPerClassName);
        Assert.EndsWith($"/features/{sampled.SyntheticSetId}/manifest.json", sampled.Manifest.Uri);
        FeatureSetReader stored = await DownloadAsync(sampled);
        Assert.Equal(Directory.EnumerateFiles(stored.Directory).Sum(file => new FileInfo(file).Length), sampled.SizeBytes);
        Assert.Equal((sampled.SyntheticSetId, FeatureSetKind.Synthetic), (stored.Manifest.Id, stored.Manifest.Kind));
        EmotionDataset train = EmotionDataset.Load(stored, DataSplit.Train);
        Assert.Equal([4, 4, 4], train.ClassCounts());
        Assert.Equal((12, 80), (train.Count, train.Dimensions));

        // The service sampled exactly what the library samples locally from the same generator for the same request.
        using (var sampler = GanSampler.FromCheckpoint(service.GeneratorFolder))
        {
            SyntheticSet local = SyntheticSetWriter.Write(sampler, service.Generator, ClassCountPlan.Balanced(service.Generator.Classes, 4), 21,
                Path.Combine(service.NewFolder(), "local"));
            Assert.Equal(local.Id, sampled.SyntheticSetId);
            Assert.Equal(File.ReadAllBytes(Path.Combine(local.Directory, "manifest.json")), File.ReadAllBytes(Path.Combine(stored.Directory, "manifest.json")));
        }

        SyntheticSetSampled again = await SampleAsync(command with { RequestId = Guid.NewGuid() });

        Assert.True(again.FromCache);
        Assert.Equal((sampled.SyntheticSetId, sampled.Manifest, sampled.SizeBytes), (again.SyntheticSetId, again.Manifest, again.SizeBytes));
        Assert.Equal(sampled.PointsPerClassName, again.PointsPerClassName);
    }

    [Fact]
    public async Task An_original_distribution_set_follows_the_real_class_proportions()
    {
        var command = new SampleSyntheticSet(Guid.NewGuid(), SamplingServiceFixture.GeneratorId, PointsPerClass: 2, ClassDistribution.Original, Seed: 3);

        SyntheticSetSampled sampled = await SampleAsync(command);

        // 6 points over the real 6:3:1 (worked out in ClassCountPlanTests).
        Assert.Equal(new Dictionary<string, int> { ["angry"] = 3, ["happy"] = 2, ["neutral"] = 1 }, sampled.PointsPerClassName);
        FeatureSetReader stored = await DownloadAsync(sampled);
        Assert.Equal([3, 2, 1], stored.Manifest.Split(DataSplit.Train)!.ClassCounts);
        Assert.Equal([0L, 0, 0, 1, 1, 2], stored.ReadSplit(DataSplit.Train).Labels);
    }

    public static TheoryData<SampleSyntheticSet, string> BadRequests => new()
    {
        { new SampleSyntheticSet(Guid.NewGuid(), "no-such-generator", 2), "Generator 'no-such-generator' is not in the object store" },
        {
            new SampleSyntheticSet(Guid.NewGuid(), SamplingServiceFixture.GeneratorId, 0, ClassDistribution.Explicit,
                new Dictionary<string, int> { ["angry"] = 1, ["bored"] = 2 }),
            "Unknown class name(s) 'bored'"
        },
        { new SampleSyntheticSet(Guid.NewGuid(), SamplingServiceFixture.GeneratorId, 0), "PointsPerClass must be at least 1" },
        { new SampleSyntheticSet(Guid.NewGuid(), SamplingServiceFixture.GeneratorId, 3, ClassDistribution.Explicit), "needs ClassCounts" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_fails_once_with_a_reason_faults_and_stores_nothing(SampleSyntheticSet command, string expected)
    {
        string[] storedBefore = await StoredFeatureKeysAsync();

        await service.SendAsync(command);
        var failed = Assert.IsType<SamplingFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Contains(expected, failed.Reason);
        var fault = Assert.IsAssignableFrom<Fault<SampleSyntheticSet>>(await service.Outcomes.WaitForFaultAsync(command.RequestId, OutcomeTimeout));
        Assert.Contains(fault.Exceptions, e => e.Message == failed.Reason);
        Assert.Equal(storedBefore, await StoredFeatureKeysAsync());
    }

    private async Task<SyntheticSetSampled> SampleAsync(SampleSyntheticSet command)
    {
        await service.SendAsync(command);
        object outcome = await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout);
        return outcome as SyntheticSetSampled ?? throw new Xunit.Sdk.XunitException($"Expected a sampled set, got {outcome}.");
    }

    private async Task<FeatureSetReader> DownloadAsync(SyntheticSetSampled sampled)
    {
        string folder = service.NewFolder();
        await new ArtifactFolders(service.Store).DownloadAsync(StoredSyntheticSets.FolderOf(sampled.SyntheticSetId), folder);
        return FeatureSetReader.Open(folder);
    }

    private async Task<string[]> StoredFeatureKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var stored in service.Store.ListAsync(FeatureSetLayout.StoragePrefix + "/"))
            keys.Add(stored.Key);
        return keys.ToArray();
    }
}

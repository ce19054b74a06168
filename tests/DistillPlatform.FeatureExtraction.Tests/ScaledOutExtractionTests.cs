using System.Text.Json;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Commands;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>Two instances sharing the extract-features queue, and commands published as raw JSON.</summary>
[Collection(FeatureExtractionServices.Collection)]
public sealed class ScaledOutExtractionTests(ScaledOutExtractionFixture service) : IClassFixture<ScaledOutExtractionFixture>
{
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Different_requests_are_shared_out_over_both_instances()
    {
        // A split seed per request gives three different feature sets, so every request is real work.
        ExtractFeatures[] commands = Enumerable.Range(101, 3).Select(seed => Command(seed)).ToArray();

        await Task.WhenAll(commands.Select(service.SendAsync));
        InstanceAnswer[] answers = await Task.WhenAll(commands.Select(c => service.WaitForAnswerAsync(c.RequestId, OutcomeTimeout)));

        FeaturesExtracted[] extracted = answers.Select(a => Assert.IsType<FeaturesExtracted>(a.Outcome)).ToArray();
        Assert.Equal(3, extracted.Select(e => e.FeatureSetId).Distinct().Count());
        Assert.All(extracted, e => Assert.False(e.FromCache));
        // Each instance takes one command at a time (prefetch 1), so the first two go to different instances.
        Assert.Equal(ScaledOutExtractionFixture.Instances.Order(), answers.Select(a => service.InstanceOf(a.ProcessId)).Distinct().Order());
    }

    [Fact]
    public async Task Identical_concurrent_requests_store_one_complete_feature_set_that_both_answers_name()
    {
        ExtractFeatures first = Command(seed: 201);
        ExtractFeatures second = first with { RequestId = Guid.NewGuid() };

        await Task.WhenAll(service.SendAsync(first), service.SendAsync(second));
        var answers = await Task.WhenAll(service.WaitForAnswerAsync(first.RequestId, OutcomeTimeout), service.WaitForAnswerAsync(second.RequestId, OutcomeTimeout));

        var (one, other) = (Assert.IsType<FeaturesExtracted>(answers[0].Outcome), Assert.IsType<FeaturesExtracted>(answers[1].Outcome));
        Assert.Equal(one.FeatureSetId, other.FeatureSetId);
        Assert.Equal(one.Manifest, other.Manifest);
        IReadOnlyList<string> storedKeys = await StoredKeysAsync(one.FeatureSetId);
        await AssertCompleteAsync(one, storedKeys);
        Assert.Empty(await ToListAsync(service.Store.ListIncompleteAsync()));

        // A later duplicate is answered from the store and leaves the stored set exactly as it was.
        ExtractFeatures third = first with { RequestId = Guid.NewGuid() };
        await service.SendAsync(third);
        var again = Assert.IsType<FeaturesExtracted>((await service.WaitForAnswerAsync(third.RequestId, OutcomeTimeout)).Outcome);
        Assert.True(again.FromCache);
        Assert.Equal(one.Manifest, again.Manifest);
        Assert.Equal(storedKeys, await StoredKeysAsync(one.FeatureSetId));
    }

    [Fact]
    public async Task A_raw_json_command_is_answered_and_one_missing_its_corpus_is_rejected_without_stopping_the_queue()
    {
        var incompleteId = Guid.NewGuid();
        await service.PublishRawAsync($$"""{ "requestId": "{{incompleteId}}", "labels": {}, "split": {}, "encoder": {}, "preprocessing": {} }""", contentType: null);

        var requestId = Guid.NewGuid();
        // Written by hand, as a person would in the management UI: camelCase names, enums by name, defaults left out.
        string json = $$"""
            {
              "requestId": "{{requestId}}",
              "corpus": { "localFolder": {{JsonSerializer.Serialize(service.Corpus.Directory)}}, "manifestName": "labels.csv" },
              "labels": { "classes": ["angry", "happy", "neutral", "sad"] },
              "split": { "kind": "SpeakerIndependent", "testSpeakerFraction": 0.25, "devFraction": 0.2, "seed": 301 },
              "encoder": { "kind": "LogMel", "melBins": 80 },
              "preprocessing": { "normalization": "Rms" }
            }
            """;
        await service.PublishRawAsync(json, "application/json");

        CommandRejected rejected = await service.WaitForRejectionAsync(incompleteId.ToString(), OutcomeTimeout);
        Assert.Equal(FeatureExtractionQueue.Name, rejected.Queue);
        Assert.Contains("ExtractFeatures is missing required field(s) 'corpus'", rejected.Reason);
        var extracted = Assert.IsType<FeaturesExtracted>((await service.WaitForAnswerAsync(requestId, OutcomeTimeout)).Outcome);
        Assert.Equal(service.Corpus.UtteranceCount, extracted.UtterancesPerSplit.Values.Sum());
        // The same command sent the usual way (MassTransit envelope) names the same feature set: nothing was lost in the raw path.
        ExtractFeatures enveloped = Command(seed: 301) with { Labels = new LabelMappingSpec(["angry", "happy", "neutral", "sad"]) };
        await service.SendAsync(enveloped);
        var same = Assert.IsType<FeaturesExtracted>((await service.WaitForAnswerAsync(enveloped.RequestId, OutcomeTimeout)).Outcome);
        Assert.Equal(extracted.FeatureSetId, same.FeatureSetId);
    }

    private ExtractFeatures Command(int seed) => new(
        Guid.NewGuid(), CorpusLocation.Local(service.Corpus.Directory), new LabelMappingSpec(),
        new SplitPolicySpec(TestSpeakerFraction: 0.25, DevFraction: 0.2, Seed: seed), new FeatureEncoderSpec(), new AudioPreprocessingSpec());

    private async Task<IReadOnlyList<string>> StoredKeysAsync(string featureSetId) =>
        (await ToListAsync(service.Store.ListAsync($"{FeatureSetLayout.StoragePrefix}/{featureSetId}/"))).Select(o => o.Key).ToArray();

    /// <summary>The stored keys are exactly the manifest and the shards it lists, and every shard matches its recorded SHA-256.</summary>
    private async Task AssertCompleteAsync(FeaturesExtracted extracted, IReadOnlyList<string> storedKeys)
    {
        string folder = service.NewFolder();
        await new ArtifactFolders(service.Store).DownloadAsync(
            new(FeatureSetLayout.StoragePrefix, extracted.FeatureSetId, FeatureSetLayout.ManifestFileName), folder);
        FeatureSetReader reader = FeatureSetReader.Open(folder);
        string prefix = $"{FeatureSetLayout.StoragePrefix}/{extracted.FeatureSetId}/";
        string[] expected = reader.Manifest.Splits.Values.SelectMany(s => s.Shards).Select(s => prefix + s.File)
            .Append(prefix + FeatureSetLayout.ManifestFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, storedKeys.Order(StringComparer.Ordinal));
        foreach (DataSplit split in reader.Splits)
            Assert.Equal(extracted.UtterancesPerSplit[split.ToName()], reader.ReadSplit(split).Count);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items) list.Add(item);
        return list;
    }
}

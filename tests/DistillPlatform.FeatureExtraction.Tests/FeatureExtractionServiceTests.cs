using System.Text.Json;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using MassTransit;

namespace DistillPlatform.FeatureExtraction.Tests;

[Collection(FeatureExtractionServices.Collection)]
public sealed class FeatureExtractionServiceTests(FeatureExtractionServiceFixture service) : IClassFixture<FeatureExtractionServiceFixture>
{
    /// <summary>Covers a cold extraction of the small corpus on a loaded two-core machine.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(3);

    private static readonly SplitPolicySpec Split = new(TestSpeakerFraction: 0.25, DevFraction: 0.2, Seed: 5);

    [Fact]
    public async Task A_corpus_becomes_a_stored_feature_set_and_the_same_request_is_answered_from_it()
    {
        // A split seed no other test uses, so this request is certain to extract rather than find a stored set.
        SplitPolicySpec ownSplit = Split with { Seed = 7 };
        FeaturesExtracted first = await ExtractAsync(CorpusLocation.Local(service.Corpus.Directory), ownSplit);

        Assert.False(first.FromCache);
        int total = service.Corpus.UtteranceCount;
        IReadOnlyList<FeatureExtractionProgress> progress = await service.Outcomes.WaitForProgressAsync(
            first.RequestId, reports => reports.Any(p => p.UtterancesDone == p.UtterancesTotal), OutcomeTimeout);
        // One report each time another tenth of the utterances is done.
        Assert.Equal(Enumerable.Range(1, 10).Select(k => (int)Math.Ceiling(k * total / 10.0)), progress.Select(p => p.UtterancesDone).Order());
        Assert.All(progress, p => Assert.Equal((first.FeatureSetId, total), (p.FeatureSetId, p.UtterancesTotal)));

        Assert.EndsWith($"/features/{first.FeatureSetId}/manifest.json", first.Manifest.Uri);
        Assert.Equal(ArtifactMediaTypes.Json, first.Manifest.MediaType);
        Assert.Equal(service.Corpus.UtteranceCount, first.UtterancesPerSplit.Values.Sum());
        Assert.Equal(["dev", "test", "train"], first.UtterancesPerSplit.Keys.Order());
        Assert.Empty(first.SkippedRows);

        FeatureSetReader reader = await DownloadAsync(first);
        Assert.Equal(first.FeatureSetId, reader.Manifest.Id);
        Assert.Equal(80, reader.Manifest.Dimensions);
        Assert.Equal(["angry", "happy", "neutral", "sad"], reader.Manifest.Classes);
        Assert.Equal("train", reader.Manifest.Normalization!.Split);
        foreach (DataSplit split in reader.Splits)
        {
            FeatureData data = reader.ReadSplit(split);
            Assert.Equal(first.UtterancesPerSplit[split.ToName()], data.Count);
            Assert.Equal(data.Lengths.Sum() * 80, data.Features.Length);
            // Demo utterances last one to a few seconds: 100 frames per second.
            Assert.All(data.Lengths, frames => Assert.InRange(frames, 50, 1000));
        }

        FeaturesExtracted again = await ExtractAsync(CorpusLocation.Local(service.Corpus.Directory), ownSplit);

        Assert.True(again.FromCache);
        Assert.Equal(first.FeatureSetId, again.FeatureSetId);
        Assert.Equal(first.Manifest, again.Manifest);
    }

    [Fact]
    public async Task A_corpus_in_the_object_store_gives_the_same_feature_set_as_the_local_copy()
    {
        const string prefix = "corpora/demo-small";
        foreach (string file in Directory.EnumerateFiles(service.Corpus.Directory, "*", SearchOption.AllDirectories))
        {
            string key = $"{prefix}/{Path.GetRelativePath(service.Corpus.Directory, file).Replace('\\', '/')}";
            await using FileStream content = File.OpenRead(file);
            await service.Store.PutAsync(key, content, ArtifactMediaTypes.OctetStream);
        }

        FeaturesExtracted fromStore = await ExtractAsync(CorpusLocation.InObjectStore(prefix));
        FeaturesExtracted fromFolder = await ExtractAsync(CorpusLocation.Local(service.Corpus.Directory));

        Assert.Equal(fromFolder.FeatureSetId, fromStore.FeatureSetId);
        Assert.Equal(fromFolder.Manifest, fromStore.Manifest);
        Assert.True(fromFolder.FromCache);
    }

    [Fact]
    public async Task A_corrupt_wav_fails_the_request_naming_its_row()
    {
        string folder = service.NewFolder();
        string corruptPath = Path.Combine(folder, "corrupt.wav");
        await File.WriteAllBytesAsync(corruptPath, [.. "RIFF"u8, 4, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8, 16, 0, 0, 0, 1, 0]);
        string[] lines = await File.ReadAllLinesAsync(service.Corpus.ManifestPath);
        // Rows point at the demo corpus by absolute path, so this manifest can live in its own folder.
        string[] rows = lines.Skip(1).Select(line => Path.Combine(service.Corpus.Directory, line)).ToArray();
        string[] firstRow = lines[1].Split(',');
        await File.WriteAllLinesAsync(Path.Combine(folder, "labels.csv"), [lines[0], .. rows, $"{corruptPath},{firstRow[1]},{firstRow[2]}"]);
        int corruptLine = lines.Length + 1;

        ExtractFeatures command = Command(CorpusLocation.Local(folder));
        await service.SendAsync(command);

        var failed = Assert.IsType<FeatureExtractionFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));
        string problem = Assert.Single(failed.ValidationProblems);
        Assert.StartsWith($"line {corruptLine} ({corruptPath}): UnreadableAudio", problem);
        Assert.Contains(problem, failed.Reason);
        // The command faults at once (bad input is not retried), carrying the same readable reason and the validation error as its cause.
        var fault = Assert.IsAssignableFrom<Fault<ExtractFeatures>>(await service.Outcomes.WaitForFaultAsync(command.RequestId, OutcomeTimeout));
        ExceptionInfo exception = Assert.Single(fault.Exceptions);
        Assert.Equal("DistillPlatform.Services.FeatureExtraction.InvalidExtractionRequestException", exception.ExceptionType);
        Assert.Contains(problem, exception.Message);
        Assert.Equal(typeof(CorpusValidationException).FullName, exception.InnerException?.ExceptionType);
    }

    [Fact]
    public async Task A_missing_corpus_folder_fails_the_request_with_the_path()
    {
        string missing = Path.Combine(service.NewFolder(), "no-such-corpus");

        object outcome = await SendAsync(CorpusLocation.Local(missing));

        var failed = Assert.IsType<FeatureExtractionFailed>(outcome);
        Assert.Contains(missing, failed.Reason);
        Assert.Empty(failed.ValidationProblems);
    }

    private async Task<FeaturesExtracted> ExtractAsync(CorpusLocation corpus, SplitPolicySpec? split = null)
    {
        object outcome = await SendAsync(corpus, split);
        return outcome as FeaturesExtracted
            ?? throw new Xunit.Sdk.XunitException($"Expected FeaturesExtracted, got {outcome}");
    }

    private static ExtractFeatures Command(CorpusLocation corpus, SplitPolicySpec? split = null) =>
        new(Guid.NewGuid(), corpus, new LabelMappingSpec(), split ?? Split, new FeatureEncoderSpec(), new AudioPreprocessingSpec());

    private async Task<object> SendAsync(CorpusLocation corpus, SplitPolicySpec? split = null)
    {
        ExtractFeatures command = Command(corpus, split);
        await service.SendAsync(command);
        return await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout);
    }

    /// <summary>Downloads manifest.json and every shard it lists (each verified by the store) and opens the folder.</summary>
    private async Task<FeatureSetReader> DownloadAsync(FeaturesExtracted extracted)
    {
        string folder = service.NewFolder();
        string manifestPath = Path.Combine(folder, FeatureSetLayout.ManifestFileName);
        await using (FileStream file = File.Create(manifestPath))
        {
            await service.Store.DownloadAsync(extracted.Manifest, file);
        }
        FeatureSetManifest manifest = JsonSerializer.Deserialize<FeatureSetManifest>(await File.ReadAllTextAsync(manifestPath), FeatureSetLayout.ManifestJson)!;
        foreach (FeatureShardEntry shard in manifest.Splits.Values.SelectMany(s => s.Shards))
        {
            ArtifactRef reference = await service.Store.GetReferenceAsync($"features/{extracted.FeatureSetId}/{shard.File}");
            await using FileStream file = File.Create(Path.Combine(folder, shard.File));
            await service.Store.DownloadAsync(reference, file);
        }
        return FeatureSetReader.Open(folder);
    }
}

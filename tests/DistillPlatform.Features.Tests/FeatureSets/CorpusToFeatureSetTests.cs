using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Features.Tests.Corpus;

namespace DistillPlatform.Features.Tests.FeatureSets;

/// <summary>The path a feature extraction service takes: resolve a corpus, describe the set, write it, read it back.</summary>
public class CorpusToFeatureSetTests
{
    [Fact]
    public void A_resolved_corpus_becomes_a_feature_set_with_matching_counts_speakers_and_provenance()
    {
        using var corpus = new TemporaryCorpus();
        string manifestPath = corpus.WriteBalanced(["s1", "s2", "s3"], ["angry", "happy", "neutral"], perLabel: 4);
        var request = new CorpusRequest(manifestPath, LabelMapping.Keep("neutral", "angry"),
            SpeakerIndependentSplitPolicy.WithTestSpeakers(["s3"], devFraction: 0.25, seed: 9));
        ResolvedCorpus resolved = new CorpusResolver().Resolve(request);
        string contentHash = CorpusContentHash.Compute(resolved);
        FeatureSetDescription description = FeatureSetDescription.ForCorpus(
            resolved, contentHash, "fake-2", "dims=2", 50, dimensions: 2, preprocessing: "none", createdBy: "tests");

        string output = Path.Combine(corpus.Root, "features");
        var writer = new FeatureSetWriter(output, description);
        foreach (CorpusUtterance utterance in resolved.Utterances)
        {
            // Stand-in features: one frame per line number, so every utterance is distinguishable.
            int frames = utterance.LineNumber % 5 + 1;
            float[] values = Enumerable.Repeat((float)utterance.LineNumber, frames * 2).ToArray();
            writer.Add(utterance.Split, utterance.Id, utterance.ClassIndex, utterance.SpeakerIndex, frames, values);
        }
        writer.Complete();
        FeatureSetReader reader = FeatureSetReader.Open(output);

        Assert.Equal(FeatureSetId.ForCorpus(contentHash, request.Labels, request.Split, "fake-2", "dims=2", "none"), reader.Manifest.Id);
        Assert.Equal(contentHash, reader.Manifest.SourceCorpusHash);
        Assert.Equal(request.Split.Canonical, reader.Manifest.SplitPolicy);
        Assert.Equal(new[] { "neutral", "angry" }, reader.Manifest.Classes);
        foreach (DataSplit split in Enum.GetValues<DataSplit>())
        {
            FeatureSetSplit entry = reader.Manifest.Split(split)!;
            Assert.Equal(resolved.ClassCounts(split), entry.ClassCounts);
            Assert.Equal(resolved.SpeakersIn(split), entry.Speakers);
            FeatureData data = reader.ReadSplit(split);
            Assert.Equal(resolved.InSplit(split).Select(u => u.Id), data.UtteranceIds);
            Assert.Equal(resolved.InSplit(split).Select(u => resolved.Speakers[u.SpeakerIndex]), data.Speakers.Select(s => reader.Manifest.Speakers[(int)s]));
        }
    }
}

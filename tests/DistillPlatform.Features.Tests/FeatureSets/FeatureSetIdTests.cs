using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Tests.FeatureSets;

public class FeatureSetIdTests
{
    private static string Id(
        string corpus = "abc123",
        LabelMapping? labels = null,
        SplitPolicy? split = null,
        string encoder = "logmel-80-25ms-10ms",
        string config = "n_mels=80",
        string preprocessing = "resample=16000") =>
        FeatureSetId.ForCorpus(
            corpus,
            labels ?? LabelMapping.Keep("neutral", "happy", "sad", "angry"),
            split ?? SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], 0.1, 42),
            encoder,
            config,
            preprocessing);

    [Fact]
    public void The_id_follows_the_documented_recipe()
    {
        // Independently computed with Python:
        //   t = 'distill-featureset-id/v1\n' + ''.join(f'{n}={len(v.encode())}:{v}\n' for n, v in fields)
        //   'fs-' + hashlib.sha256(t.encode()).hexdigest()[:32]
        // with the six fields below (labels and split in their canonical forms).
        Assert.Equal("fs-dbf3d2f38648315cf90badbf34f8eb00", Id());
    }

    [Fact]
    public void Equal_requests_built_separately_give_the_same_id()
    {
        string reordered = Id(split: SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_08", "emodb_03"], 0.1, 42),
                              labels: new LabelMapping(["neutral", "happy", "sad", "angry"]));

        Assert.Equal(Id(), reordered);
    }

    [Fact]
    public void Every_input_changes_the_id()
    {
        string[] ids =
        [
            Id(),
            Id(corpus: "abc124"),
            Id(labels: LabelMapping.Keep("neutral", "happy", "sad", "angry").WithRename("excited", "happy")),
            Id(labels: LabelMapping.Keep("happy", "neutral", "sad", "angry")),
            Id(split: SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], 0.1, 43)),
            Id(split: SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], 0.2, 42)),
            Id(encoder: "logmel-64-25ms-10ms"),
            Id(config: "n_mels=64"),
            Id(preprocessing: "resample=16000,trim"),
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^fs-[0-9a-f]{32}$", id));
    }
}

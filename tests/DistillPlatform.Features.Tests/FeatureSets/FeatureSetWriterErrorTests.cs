using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using static DistillPlatform.Features.Tests.FeatureSets.FeatureSetFixture;

namespace DistillPlatform.Features.Tests.FeatureSets;

public class FeatureSetWriterErrorTests : IDisposable
{
    private readonly FeatureSetFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private FeatureSetWriter NewWriter() => new(_fixture.NewOutputDirectory(), RealDescription());

    [Fact]
    public void Refuses_a_folder_that_already_holds_files()
    {
        string directory = _fixture.NewOutputDirectory();
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "train-00000.safetensors"), "stale");

        var error = Assert.Throws<IOException>(() => new FeatureSetWriter(directory, RealDescription()));

        Assert.Equal($"Feature set output folder '{directory}' is not empty; write each feature set into a new or empty folder so no stale shard is mixed in.", error.Message);
    }

    [Fact]
    public void Refuses_an_inconsistent_description()
    {
        FeatureSetDescription bad = RealDescription() with { Dimensions = 0, Classes = ["a", "a"] };

        var error = Assert.Throws<ArgumentException>(() => new FeatureSetWriter(_fixture.NewOutputDirectory(), bad));

        Assert.StartsWith("Invalid feature set description: Dimensions is 0, must be at least 1; Classes has duplicates.", error.Message);
    }

    [Fact]
    public void Refuses_values_that_do_not_form_whole_frames()
    {
        var error = Assert.Throws<ArgumentException>(() => NewWriter().Add(DataSplit.Train, "u1", 0, 0, 2, new float[5]));

        Assert.StartsWith("Utterance 'u1': 5 values do not form 2 frames of 3 dimensions.", error.Message);
    }

    [Fact]
    public void Refuses_out_of_range_indices_and_empty_utterances()
    {
        FeatureSetWriter writer = NewWriter();

        Assert.StartsWith("Utterance 'u1': class index must be in [0, 3).",
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(DataSplit.Train, "u1", 3, 0, 1, Frames(0, 1))).Message);
        Assert.StartsWith("Utterance 'u1': speaker index must be -1 (unknown) or in [0, 3).",
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(DataSplit.Train, "u1", 0, -2, 1, Frames(0, 1))).Message);
        Assert.StartsWith("Utterance 'u1' has no frames; too short to encode, leave it out.",
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(DataSplit.Train, "u1", 0, 0, 0, [])).Message);
    }

    [Fact]
    public void Refuses_duplicate_ids_and_non_finite_values()
    {
        FeatureSetWriter writer = NewWriter();
        writer.Add(DataSplit.Train, "u1", 0, 0, 1, Frames(0, 1));
        float[] withNaN = Frames(1, 2);
        withNaN[4] = float.NaN;

        Assert.StartsWith("Utterance 'u1' was already added; utterance ids must be unique within a feature set.",
            Assert.Throws<ArgumentException>(() => writer.Add(DataSplit.Test, "u1", 0, 0, 1, Frames(0, 1))).Message);
        Assert.StartsWith("Utterance 'u2': value 4 (frame 1) is NaN; features must be finite.",
            Assert.Throws<ArgumentException>(() => writer.Add(DataSplit.Train, "u2", 0, 0, 2, withNaN)).Message);
    }

    [Fact]
    public void Complete_needs_utterances_and_happens_once()
    {
        Assert.Equal("No utterance was added; an empty feature set is not written.",
            Assert.Throws<InvalidOperationException>(() => NewWriter().Complete()).Message);

        FeatureSetWriter writer = NewWriter();
        writer.Add(DataSplit.Train, "u1", 0, 0, 1, Frames(0, 1));
        writer.Complete();

        Assert.Throws<InvalidOperationException>(() => writer.Complete());
        Assert.Throws<InvalidOperationException>(() => writer.Add(DataSplit.Train, "u2", 0, 0, 1, Frames(1, 1)));
    }
}

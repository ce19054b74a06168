using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

public class LabelMappingTests
{
    [Fact]
    public void Renames_apply_before_the_class_filter()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("a.wav", 1);
        corpus.AddWave("b.wav", 2);
        corpus.AddWave("c.wav", 3);
        corpus.AddWave("d.wav", 4);
        corpus.WriteManifest("path,label,speaker,split", "a.wav,excited,s1,train", "b.wav,happy,s1,train", "c.wav,frustrated,s1,train", "d.wav,neutral,s2,train");
        LabelMapping labels = LabelMapping.Keep("neutral", "happy").WithRename("excited", "happy");

        ResolvedCorpus resolved = new CorpusResolver().Resolve(new CorpusRequest(corpus.ManifestPath, labels, new ManifestSplitPolicy()));

        Assert.Equal(new[] { ("a.wav", "excited", 1), ("b.wav", "happy", 1), ("d.wav", "neutral", 0) },
                     resolved.Utterances.Select(u => (u.Id, u.SourceLabel, u.ClassIndex)));
        Assert.Equal(new Dictionary<string, int> { ["frustrated"] = 1 }, resolved.Report.RowsDroppedByLabel);
    }

    [Fact]
    public void Classes_from_the_manifest_are_sorted_and_include_rename_targets()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("a.wav", 1);
        corpus.AddWave("b.wav", 2);
        corpus.AddWave("c.wav", 3);
        corpus.WriteManifest("path,label,speaker,split", "a.wav,sad,s1,train", "b.wav,Angry,s1,train", "c.wav,mad,s1,train");
        LabelMapping labels = LabelMapping.FromManifest(new Dictionary<string, string> { ["mad"] = "Angry" });

        ResolvedCorpus resolved = new CorpusResolver().Resolve(new CorpusRequest(corpus.ManifestPath, labels, new ManifestSplitPolicy()));

        // Ordinal order: upper case sorts before lower case.
        Assert.Equal(new[] { "Angry", "sad" }, resolved.Classes);
        Assert.Equal(new[] { 1, 0, 0 }, resolved.Utterances.Select(u => u.ClassIndex));
    }

    [Fact]
    public void Canonical_form_is_a_fixed_string_with_renames_sorted_and_delimiters_escaped()
    {
        LabelMapping mapping = new(["neutral", "happy", "a,b"], new Dictionary<string, string> { ["joy"] = "happy", ["excited"] = "happy" });

        Assert.Equal(@"labels(classes=[neutral,happy,a\,b],rename=[excited>happy,joy>happy],unlisted=drop)", mapping.Canonical);
        Assert.Equal("labels(classes=manifest,rename=[],unlisted=reject)", LabelMapping.FromManifest().WithUnlisted(UnlistedLabels.Reject).Canonical);
    }

    [Fact]
    public void Equality_is_by_content()
    {
        LabelMapping first = LabelMapping.Keep("a", "b").WithRename("x", "a").WithRename("y", "b");
        LabelMapping second = LabelMapping.Keep("a", "b").WithRename("y", "b").WithRename("x", "a");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, LabelMapping.Keep("b", "a").WithRename("x", "a").WithRename("y", "b"));
    }

    [Fact]
    public void Inconsistent_mappings_are_refused_with_the_reason()
    {
        var toNowhere = Assert.Throws<ArgumentException>(() => LabelMapping.Keep("happy", "sad").WithRename("excited", "joy"));
        Assert.StartsWith("Every rename must target one of the classes [happy, sad]; these do not: excited→joy.", toNowhere.Message);

        var shadowing = Assert.Throws<ArgumentException>(() => LabelMapping.Keep("happy", "sad").WithRename("sad", "happy"));
        Assert.StartsWith("A class cannot also be renamed to another class", shadowing.Message);

        var duplicate = Assert.Throws<ArgumentException>(() => LabelMapping.Keep("happy", "happy"));
        Assert.StartsWith("Class names must be unique; repeated: happy.", duplicate.Message);

        Assert.Throws<ArgumentException>(() => LabelMapping.Keep());
    }
}

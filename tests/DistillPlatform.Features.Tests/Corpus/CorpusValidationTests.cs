using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

/// <summary>Every validation problem, its message, and how problems are collected and skipped.</summary>
public class CorpusValidationTests
{
    private static readonly LabelMapping FourClasses = LabelMapping.Keep("neutral", "happy", "sad", "angry");

    private static CorpusRequest Request(TemporaryCorpus corpus, LabelMapping? labels = null, SplitPolicy? split = null, bool skip = false) =>
        new(corpus.ManifestPath, labels ?? LabelMapping.FromManifest(), split ?? new ManifestSplitPolicy(), skip);

    /// <summary>A valid two-speaker, two-class corpus with a split column; tests add one bad row to it.</summary>
    private static List<string> ValidRows(TemporaryCorpus corpus)
    {
        corpus.AddWave("wav/a.wav", 1);
        corpus.AddWave("wav/b.wav", 2);
        corpus.AddWave("wav/c.wav", 3);
        corpus.AddWave("wav/d.wav", 4);
        return
        [
            "path,label,speaker,split",
            "wav/a.wav,happy,s1,train",
            "wav/b.wav,sad,s1,train",
            "wav/c.wav,happy,s2,test",
            "wav/d.wav,sad,s2,test",
        ];
    }

    private static CorpusProblem SingleProblem(TemporaryCorpus corpus, CorpusRequest request, CorpusResolver? resolver = null)
    {
        var error = Assert.Throws<CorpusValidationException>(() => (resolver ?? new CorpusResolver()).Resolve(request));
        CorpusProblem problem = Assert.Single(error.Report.Problems);
        Assert.Contains(problem.ToString(), error.Message);
        return problem;
    }

    [Fact]
    public void A_valid_corpus_resolves_without_problems()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest(ValidRows(corpus).ToArray());

        ResolvedCorpus resolved = new CorpusResolver().Resolve(Request(corpus));

        Assert.False(resolved.Report.HasProblems);
        Assert.Equal(new[] { "happy", "sad" }, resolved.Classes);
        Assert.Equal(new[] { "s1", "s2" }, resolved.Speakers);
        Assert.Equal(new[] { DataSplit.Train, DataSplit.Train, DataSplit.Test, DataSplit.Test }, resolved.Utterances.Select(u => u.Split));
        Assert.Equal(new[] { 0, 1, 0, 1 }, resolved.Utterances.Select(u => u.ClassIndex));
        Assert.Equal(Path.Combine(corpus.Root, "wav", "c.wav"), resolved.Utterances[2].AudioPath);
        Assert.Equal("wav/c.wav", resolved.Utterances[2].Id);
    }

    [Fact]
    public void Missing_file()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest([.. ValidRows(corpus), "wav/gone.wav,happy,s1,train"]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        string expectedPath = Path.Combine(corpus.Root, "wav", "gone.wav");
        Assert.Equal(new CorpusProblem(6, "wav/gone.wav", CorpusProblemKind.MissingFile, $"audio file not found at {expectedPath}"), problem);
        Assert.Equal($"line 6 (wav/gone.wav): MissingFile: audio file not found at {expectedPath}", problem.ToString());
    }

    [Fact]
    public void Unreadable_audio_with_the_default_wave_header_check()
    {
        using var corpus = new TemporaryCorpus();
        string notWave = corpus.WriteFile("wav/notes.wav", "ID3 this is an mp3"u8.ToArray());
        string tooShort = corpus.WriteFile("wav/short.wav", "RIFF"u8.ToArray());
        corpus.WriteManifest([.. ValidRows(corpus), "wav/notes.wav,happy,s1,train", "wav/short.wav,sad,s1,train"]);

        var error = Assert.Throws<CorpusValidationException>(() => new CorpusResolver().Resolve(Request(corpus)));

        Assert.Equal(
            new[]
            {
                new CorpusProblem(6, "wav/notes.wav", CorpusProblemKind.UnreadableAudio,
                    $"audio file {notWave} is not a RIFF/WAVE file (header does not start with 'RIFF....WAVE')"),
                new CorpusProblem(7, "wav/short.wav", CorpusProblemKind.UnreadableAudio,
                    $"audio file {tooShort} is only 4 byte(s) long, too short for a RIFF/WAVE header"),
            },
            error.Report.Problems);
    }

    [Fact]
    public void A_plugged_in_audio_check_decides_and_its_words_reach_the_report()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest(ValidRows(corpus).ToArray());
        var checkedPaths = new List<string>();
        var resolver = new CorpusResolver(path =>
        {
            checkedPaths.Add(path);
            return path.EndsWith("c.wav", StringComparison.Ordinal) ? "has 0 samples" : null;
        });

        CorpusProblem problem = SingleProblem(corpus, Request(corpus), resolver);

        Assert.Equal(4, checkedPaths.Count);
        Assert.Equal(CorpusProblemKind.UnreadableAudio, problem.Kind);
        Assert.Equal($"audio file {Path.Combine(corpus.Root, "wav", "c.wav")} has 0 samples", problem.Message);
    }

    [Fact]
    public void Empty_label_speaker_and_path()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest([.. ValidRows(corpus), "wav/a2.wav,,s1,train", "wav/b2.wav,sad,,train", ",sad,s1,train"]);

        var error = Assert.Throws<CorpusValidationException>(() => new CorpusResolver().Resolve(Request(corpus)));

        Assert.Equal(
            new[]
            {
                new CorpusProblem(6, "wav/a2.wav", CorpusProblemKind.EmptyLabel, "the label field is empty"),
                new CorpusProblem(7, "wav/b2.wav", CorpusProblemKind.EmptySpeaker, "the speaker field is empty"),
                new CorpusProblem(8, "", CorpusProblemKind.EmptyPath, "the path field is empty"),
            },
            error.Report.Problems);
    }

    [Fact]
    public void Unknown_label_when_unlisted_labels_are_rejected()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,Happy,s1,train"]);
        var labels = new LabelMapping(["happy", "sad"], unlisted: UnlistedLabels.Reject);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus, labels));

        Assert.Equal(
            new CorpusProblem(6, "wav/e.wav", CorpusProblemKind.UnknownLabel,
                "label 'Happy' is not one of the classes [happy, sad] and no rename maps it to one"),
            problem);
    }

    [Fact]
    public void Duplicate_path_points_at_the_first_occurrence()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest([.. ValidRows(corpus), "wav/./a.wav,sad,s1,train"]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(
            new CorpusProblem(6, "wav/./a.wav", CorpusProblemKind.DuplicatePath, "the same audio file is already listed on line 2"),
            problem);
    }

    [Fact]
    public void Unknown_split_value()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,sad,s1,validation"]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(
            new CorpusProblem(6, "wav/e.wav", CorpusProblemKind.UnknownSplit, "split 'validation' is not one of train, dev, test"),
            problem);
    }

    [Fact]
    public void Malformed_row()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,sad"]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(
            new CorpusProblem(6, "wav/e.wav", CorpusProblemKind.MalformedRow, "the row has 2 field(s) but the header has 4"),
            problem);
    }

    [Fact]
    public void A_class_without_a_training_example()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,angry,s2,test"]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(
            new CorpusProblem(null, null, CorpusProblemKind.ClassWithoutTrainingExample,
                "class 'angry' has no training example (1 usable utterance(s) in dev/test); add training data for it or remove it from the class list"),
            problem);
        Assert.Equal("corpus: ClassWithoutTrainingExample: class 'angry' has no training example " +
                     "(1 usable utterance(s) in dev/test); add training data for it or remove it from the class list", problem.ToString());
    }

    [Fact]
    public void A_speaker_in_two_splits_is_reported_on_each_of_its_test_rows()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.AddWave("wav/f.wav");
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,happy,s2,train", "wav/f.wav,sad,s2,dev"]);

        var error = Assert.Throws<CorpusValidationException>(() => new CorpusResolver().Resolve(Request(corpus)));

        const string message = "speaker 's2' is in test here but also has utterances in other splits (1 in train, 1 in dev); " +
                               "a test speaker must not appear in train or dev";
        Assert.Equal(
            new[]
            {
                new CorpusProblem(4, "wav/c.wav", CorpusProblemKind.SpeakerInSeveralSplits, message),
                new CorpusProblem(5, "wav/d.wav", CorpusProblemKind.SpeakerInSeveralSplits, message),
            },
            error.Report.Problems);
    }

    [Fact]
    public void An_empty_corpus()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest([.. ValidRows(corpus)]);

        CorpusProblem problem = SingleProblem(corpus, Request(corpus, LabelMapping.Keep("angry")));

        Assert.Equal(
            new CorpusProblem(null, null, CorpusProblemKind.EmptyCorpus,
                "no usable utterance: the manifest has 4 row(s), 0 with problems and 4 left out by the label filter " +
                "(labels(classes=[angry],rename=[],unlisted=drop))"),
            problem);
    }

    [Fact]
    public void A_manifest_with_only_a_header_is_an_empty_corpus()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest("path,label,speaker,split");

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(CorpusProblemKind.EmptyCorpus, problem.Kind);
    }

    [Fact]
    public void Manifest_splits_need_a_split_column()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/a.wav");
        corpus.WriteManifest("path,label,speaker", "wav/a.wav,happy,s1");

        CorpusProblem problem = SingleProblem(corpus, Request(corpus));

        Assert.Equal(CorpusProblemKind.MissingSplitColumn, problem.Kind);
        Assert.Equal("the split policy takes splits from the manifest, but it has no 'split' column; " +
                     "add one (train/dev/test per row) or use a speaker-independent split policy", problem.Message);
    }

    [Fact]
    public void Every_problem_is_collected_into_one_report_and_one_message()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.WriteManifest(
        [
            .. ValidRows(corpus),
            "wav/gone.wav,happy,s1,train",
            "wav/e.wav,,s1,train",
            "wav/a.wav,happy,s1,train",
            "wav/e.wav,fearful,s2,test",
        ]);

        var error = Assert.Throws<CorpusValidationException>(() => new CorpusResolver().Resolve(Request(corpus)));

        Assert.Equal(
            new (int?, CorpusProblemKind)[]
            {
                (6, CorpusProblemKind.MissingFile),
                (7, CorpusProblemKind.EmptyLabel),
                (8, CorpusProblemKind.DuplicatePath),
                (null, CorpusProblemKind.ClassWithoutTrainingExample),
            },
            error.Report.Problems.Select(p => (p.LineNumber, p.Kind)));
        string[] messageLines = error.Message.Split('\n');
        Assert.Equal($"Corpus manifest '{corpus.ManifestPath}' (8 rows): 4 problem(s)", messageLines[0]);
        Assert.Equal(error.Report.Problems.Select(p => "  " + p), messageLines[1..5]);
        Assert.Equal("Fix these rows in the manifest (or skip bad rows, for row problems) and retry.", messageLines[^1]);
    }

    [Fact]
    public void Skipping_bad_rows_goes_on_and_reports_what_was_skipped()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteFile("wav/noise.wav", [1, 2, 3]);
        corpus.WriteManifest([.. ValidRows(corpus), "wav/gone.wav,happy,s1,train", "wav/noise.wav,sad,s2,test", "wav/a.wav,sad,s1,train"]);

        ResolvedCorpus resolved = new CorpusResolver().Resolve(Request(corpus, skip: true));

        Assert.Equal(new[] { "wav/a.wav", "wav/b.wav", "wav/c.wav", "wav/d.wav" }, resolved.Utterances.Select(u => u.Id));
        Assert.Equal(new[] { 6, 7, 8 }, resolved.Report.Problems.Select(p => p.LineNumber!.Value));
        Assert.Equal(new[] { CorpusProblemKind.MissingFile, CorpusProblemKind.UnreadableAudio, CorpusProblemKind.DuplicatePath },
                     resolved.Report.Problems.Select(p => p.Kind));
        Assert.Equal(3, resolved.Report.BadRowCount);
        Assert.StartsWith($"Corpus manifest '{corpus.ManifestPath}' (7 rows): 3 problem(s)\n  line 6 (wav/gone.wav): MissingFile", resolved.Report.Describe());
    }

    [Fact]
    public void Skipping_bad_rows_cannot_skip_corpus_wide_problems()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.WriteManifest([.. ValidRows(corpus), "wav/gone.wav,happy,s1,train", "wav/e.wav,angry,s2,test"]);

        var error = Assert.Throws<CorpusValidationException>(() => new CorpusResolver().Resolve(Request(corpus, skip: true)));

        Assert.Equal(new[] { CorpusProblemKind.MissingFile, CorpusProblemKind.ClassWithoutTrainingExample },
                     error.Report.Problems.Select(p => p.Kind));
        Assert.Equal(new[] { true, false }, error.Report.Problems.Select(p => p.IsSkippable));
    }

    [Fact]
    public void The_label_filter_drops_rows_without_reporting_them_as_problems()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("wav/e.wav");
        corpus.AddWave("wav/f.wav");
        // A row the filter drops is not checked further: its missing file does not matter.
        corpus.WriteManifest([.. ValidRows(corpus), "wav/e.wav,boredom,s1,train", "wav/f.wav,boredom,s2,test", "wav/gone.wav,disgust,s1,train"]);

        ResolvedCorpus resolved = new CorpusResolver().Resolve(Request(corpus, LabelMapping.Keep("sad", "happy")));

        Assert.False(resolved.Report.HasProblems);
        Assert.Equal(new Dictionary<string, int> { ["boredom"] = 2, ["disgust"] = 1 }, resolved.Report.RowsDroppedByLabel);
        Assert.Equal(new[] { "sad", "happy" }, resolved.Classes);
        Assert.Equal(new[] { 1, 0, 1, 0 }, resolved.Utterances.Select(u => u.ClassIndex));
    }
}

using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

public class CorpusManifestTests
{
    [Fact]
    public void Reads_required_columns_in_any_order_and_ignores_extra_ones()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest(
            "Speaker,text_id,PATH,label,gender",
            "emodb_03,a01,wav/03a01Fa.wav,happy,M",
            "emodb_08,b02,wav/08b02Wb.wav,angry,F");

        CorpusManifest manifest = CorpusManifest.Load(corpus.ManifestPath);

        Assert.False(manifest.HasSplitColumn);
        Assert.Equal(corpus.Root, manifest.AudioRoot);
        Assert.Equal(
            new[]
            {
                new CorpusManifestRow(2, "wav/03a01Fa.wav", "happy", "emodb_03", null),
                new CorpusManifestRow(3, "wav/08b02Wb.wav", "angry", "emodb_08", null),
            },
            manifest.Rows);
        Assert.Equal(Path.Combine(corpus.Root, "wav", "03a01Fa.wav"), manifest.ResolveAudioPath(manifest.Rows[0]));
    }

    [Fact]
    public void Handles_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest(
            "path,label,speaker,split,note",
            "\"wav/a,b.wav\",happy,s1,train,\"said \"\"hi\"\"\"",
            "wav/c.wav,sad,s2,test,\"two",
            "lines\"",
            "",
            "  wav/d.wav  , \"neutral\" ,s3,dev,");

        CorpusManifest manifest = CorpusManifest.Load(corpus.ManifestPath);

        Assert.True(manifest.HasSplitColumn);
        Assert.Equal(
            new[]
            {
                new CorpusManifestRow(2, "wav/a,b.wav", "happy", "s1", "train"),
                new CorpusManifestRow(3, "wav/c.wav", "sad", "s2", "test"),
                // The record above spans lines 3-4 and line 5 is blank, so this one starts on line 6.
                new CorpusManifestRow(6, "wav/d.wav", "neutral", "s3", "dev"),
            },
            manifest.Rows);
    }

    [Fact]
    public void Accepts_crlf_line_endings_and_a_byte_order_mark()
    {
        using var corpus = new TemporaryCorpus();
        File.WriteAllText(corpus.ManifestPath, "path,label,speaker\r\nwav/a.wav,happy,s1\r\n", new System.Text.UTF8Encoding(true));

        CorpusManifest manifest = CorpusManifest.Load(corpus.ManifestPath);

        Assert.Equal(new[] { new CorpusManifestRow(2, "wav/a.wav", "happy", "s1", null) }, manifest.Rows);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_kept_with_its_problem()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest("path,label,speaker", "wav/a.wav,happy", "wav/b.wav,sad,s1,extra");

        CorpusManifest manifest = CorpusManifest.Load(corpus.ManifestPath);

        Assert.Equal("the row has 2 field(s) but the header has 3", manifest.Rows[0].FieldCountProblem);
        Assert.Equal("the row has 4 field(s) but the header has 3", manifest.Rows[1].FieldCountProblem);
    }

    [Fact]
    public void A_missing_required_column_is_a_format_error_naming_it()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest("path,emotion,speaker", "wav/a.wav,happy,s1");

        var error = Assert.Throws<CorpusManifestFormatException>(() => CorpusManifest.Load(corpus.ManifestPath));

        Assert.Equal(
            $"Corpus manifest '{corpus.ManifestPath}' cannot be read: the header (line 1: 'path,emotion,speaker') lacks the required column(s) label; " +
            "the header must name path,label,speaker (and optionally split).",
            error.Message);
    }

    [Fact]
    public void A_repeated_column_is_a_format_error()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest("path,label,speaker,Label", "wav/a.wav,happy,s1,sad");

        var error = Assert.Throws<CorpusManifestFormatException>(() => CorpusManifest.Load(corpus.ManifestPath));

        Assert.EndsWith("the header (line 1) names the column(s) label more than once; each column may appear once.", error.Message);
    }

    [Fact]
    public void An_empty_file_is_a_format_error()
    {
        using var corpus = new TemporaryCorpus();
        File.WriteAllText(corpus.ManifestPath, "\n\n");

        var error = Assert.Throws<CorpusManifestFormatException>(() => CorpusManifest.Load(corpus.ManifestPath));

        Assert.Contains("the file is empty", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_a_format_error_with_its_line()
    {
        using var corpus = new TemporaryCorpus();
        corpus.WriteManifest("path,label,speaker", "wav/a.wav,happy,s1", "\"wav/b.wav,sad,s2");

        var error = Assert.Throws<CorpusManifestFormatException>(() => CorpusManifest.Load(corpus.ManifestPath));

        Assert.Contains("line 3: a quoted field is never closed", error.Message);
    }

    [Fact]
    public void A_missing_manifest_file_names_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "labels.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CorpusManifest.Load(path));

        Assert.Equal($"Corpus manifest '{path}' does not exist.", error.Message);
    }
}

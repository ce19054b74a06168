using DistillPlatform.Features.DemoCorpus;

namespace DistillPlatform.Features.Tests.DemoCorpus;

public class DemoCorpusContentTests(SmallDemoCorpusFixture fixture) : IClassFixture<SmallDemoCorpusFixture>
{
    private static readonly string[] Classes = ["neutral", "happy", "sad", "angry"];

    [Fact]
    public void Manifest_has_a_path_label_speaker_header_and_one_row_per_utterance()
    {
        Assert.Equal("path,label,speaker", fixture.ManifestLines[0]);
        Assert.Equal(8 * 4 * 4, fixture.Rows.Count);
        Assert.Equal(fixture.Rows.Count, fixture.Corpus.UtteranceCount);
        Assert.All(fixture.ManifestLines.Skip(1), line => Assert.Equal(3, line.Split(',').Length));
        Assert.Equal(fixture.Rows.Count, fixture.Rows.Select(r => r.Path).Distinct().Count());
        Assert.All(fixture.Rows, r =>
        {
            Assert.StartsWith("wav/", r.Path);
            Assert.True(File.Exists(Path.Combine(fixture.Corpus.Directory, r.Path)), r.Path);
        });
        Assert.Equal(fixture.Rows.Count, Directory.GetFiles(Path.Combine(fixture.Corpus.Directory, "wav")).Length);
    }

    [Fact]
    public void Every_speaker_has_every_class_equally_often()
    {
        Assert.Equal(Classes.Order(), fixture.Rows.Select(r => r.Label).Distinct().Order());
        Assert.All(Classes, c => Assert.Equal(8 * 4, fixture.Rows.Count(r => r.Label == c)));

        var speakers = fixture.Rows.GroupBy(r => r.Speaker).ToArray();
        Assert.Equal(8, speakers.Length);
        Assert.All(speakers, s =>
        {
            Assert.Equal(16, s.Count());
            Assert.All(Classes, c => Assert.Equal(4, s.Count(r => r.Label == c)));
        });
    }

    [Fact]
    public void Each_speaker_says_the_same_sentences_in_every_emotion()
    {
        // File names end in the sentence number: demo_03_sad_17.wav.
        foreach (var speaker in fixture.Rows.GroupBy(r => r.Speaker))
        {
            var sentencesPerClass = speaker.GroupBy(r => r.Label)
                .Select(g => string.Join(",", g.Select(r => Path.GetFileNameWithoutExtension(r.Path).Split('_')[^1]).Order()))
                .Distinct()
                .ToArray();
            Assert.Single(sentencesPerClass);
        }
    }

    [Fact]
    public void Wav_files_are_mono_16_bit_pcm_with_consistent_sizes_and_audible_speech()
    {
        foreach (var row in fixture.Rows)
        {
            var bytes = File.ReadAllBytes(Path.Combine(fixture.Corpus.Directory, row.Path));
            var header = WaveHeader.Read(bytes);
            Assert.Equal(("RIFF", "WAVE", "fmt ", "data"), (header.Riff, header.Wave, header.Fmt, header.Data));
            Assert.Equal((16, (short)1, (short)1, (short)16), (header.FmtSize, header.Format, header.Channels, header.BitsPerSample));
            Assert.Equal(22050, header.SampleRate);
            Assert.Equal(22050 * 2, header.ByteRate);
            Assert.Equal(2, header.BlockAlign);
            Assert.Equal(bytes.Length - 44, header.DataSize);
            Assert.Equal(bytes.Length - 8, header.RiffSize);

            var seconds = header.DataSize / 2.0 / header.SampleRate;
            Assert.InRange(seconds, 1.0, 8.0);
            var samples = WaveHeader.Samples(bytes);
            var rms = Math.Sqrt(samples.Average(s => (double)s * s));
            Assert.True(rms > 0.01, $"{row.Path} is nearly silent (rms {rms:F4})");
            Assert.True(samples.Max(Math.Abs) <= 0.99f, $"{row.Path} clips");
        }
    }

    [Fact]
    public void Sad_speech_is_slower_than_neutral_and_angry_speech_faster()
    {
        // The same sentences are spoken in every class, so mean duration reflects the class' speaking rate.
        double MeanSeconds(string label) => fixture.Rows.Where(r => r.Label == label)
            .Average(r => (new FileInfo(Path.Combine(fixture.Corpus.Directory, r.Path)).Length - 44) / 2.0 / 22050);

        Assert.True(MeanSeconds("sad") > MeanSeconds("neutral"));
        Assert.True(MeanSeconds("neutral") > MeanSeconds("angry"));
    }

    [Fact]
    public void Marker_file_records_the_configuration()
    {
        var marker = File.ReadAllText(Path.Combine(fixture.Corpus.Directory, DemoCorpusGenerator.MarkerFileName));
        Assert.Contains(fixture.Corpus.ConfigurationHash, marker);
        Assert.Contains("\"Preset\": \"small\"", marker);
        Assert.Contains("\"Seed\": 3", marker);
        Assert.Matches("^[0-9a-f]{64}$", fixture.Corpus.ConfigurationHash);
    }
}

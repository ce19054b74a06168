using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.Tests.Corpus;

namespace DistillPlatform.Features.Tests.Extraction;

public class DecodingAudioCheckTests
{
    private static readonly SoxConverter NoSox = new(soxPath: "/nonexistent/sox");

    [Fact]
    public void A_valid_wav_passes()
    {
        using var corpus = new TemporaryCorpus();
        string path = corpus.AddWave("ok.wav");

        Assert.Null(new DecodingAudioCheck(NoSox).Check(path));
    }

    [Fact]
    public void A_wav_whose_data_chunk_is_missing_is_reported_with_the_decoders_reason()
    {
        using var corpus = new TemporaryCorpus();
        string valid = corpus.AddWave("ok.wav");
        byte[] headerOnly = File.ReadAllBytes(valid)[..36]; // RIFF, WAVE and a complete fmt chunk, then nothing
        string path = corpus.WriteFile("no-data.wav", headerOnly);

        string? problem = new DecodingAudioCheck(NoSox).Check(path);

        Assert.NotNull(problem);
        Assert.StartsWith("cannot be decoded: ", problem);
        Assert.Contains("data", problem);
    }

    [Fact]
    public void Another_format_is_accepted_only_when_sox_can_decode_it()
    {
        using var corpus = new TemporaryCorpus();
        string path = corpus.WriteFile("speech.flac", "fLaC and more bytes"u8.ToArray());

        Assert.Contains("sox", new DecodingAudioCheck(NoSox).Check(path));
        var installedSox = new SoxConverter();
        Assert.True(installedSox.IsAvailable, "sox is installed on this machine (scripts/bootstrap.sh)");
        Assert.Null(new DecodingAudioCheck(installedSox).Check(path));
    }
}

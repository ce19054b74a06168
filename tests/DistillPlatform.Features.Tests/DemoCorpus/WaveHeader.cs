using System.Text;

namespace DistillPlatform.Features.Tests.DemoCorpus;

/// <summary>Test-side reader of a canonical 44-byte WAV header, written independently of the generator's writer.</summary>
public sealed record WaveHeader(string Riff, int RiffSize, string Wave, string Fmt, int FmtSize, short Format, short Channels,
    int SampleRate, int ByteRate, short BlockAlign, short BitsPerSample, string Data, int DataSize)
{
    public static WaveHeader Read(byte[] file)
    {
        using var reader = new BinaryReader(new MemoryStream(file));
        string Tag() => Encoding.ASCII.GetString(reader.ReadBytes(4));
        return new WaveHeader(Tag(), reader.ReadInt32(), Tag(), Tag(), reader.ReadInt32(), reader.ReadInt16(), reader.ReadInt16(),
            reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt16(), reader.ReadInt16(), Tag(), reader.ReadInt32());
    }

    /// <summary>Samples as floats in [-1, 1).</summary>
    public static float[] Samples(byte[] file)
    {
        var samples = new float[(file.Length - 44) / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(file, 44 + 2 * i) / 32768f;
        return samples;
    }
}

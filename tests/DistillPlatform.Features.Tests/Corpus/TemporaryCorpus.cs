using System.Text;

namespace DistillPlatform.Features.Tests.Corpus;

/// <summary>
/// A throw-away corpus folder for tests: tiny but valid RIFF/WAVE files plus a manifest written verbatim,
/// deleted on dispose.
/// </summary>
public sealed class TemporaryCorpus : IDisposable
{
    public TemporaryCorpus()
    {
        Root = Path.Combine(Path.GetTempPath(), "distill-corpus-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ManifestPath => Path.Combine(Root, "labels.csv");

    /// <summary>Writes a 16-bit mono 16 kHz WAVE file with a few samples whose values depend on <paramref name="salt"/>.</summary>
    public string AddWave(string relativePath, int salt = 0)
    {
        short[] samples = Enumerable.Range(0, 8).Select(i => (short)(i * 100 + salt)).ToArray();
        var data = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, data, 0, data.Length);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + data.Length);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);
            writer.Write((short)1);      // PCM
            writer.Write((short)1);      // mono
            writer.Write(16000);         // sample rate
            writer.Write(32000);         // byte rate
            writer.Write((short)2);      // block align
            writer.Write((short)16);     // bits per sample
            writer.Write("data"u8);
            writer.Write(data.Length);
            writer.Write(data);
        }
        return WriteFile(relativePath, stream.ToArray());
    }

    /// <summary>Writes arbitrary bytes (e.g. a file that is not audio).</summary>
    public string WriteFile(string relativePath, byte[] content)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes the manifest from lines (header first) and returns its path.</summary>
    public string WriteManifest(params string[] lines)
    {
        File.WriteAllText(ManifestPath, string.Join("\n", lines) + "\n");
        return ManifestPath;
    }

    /// <summary>
    /// A balanced corpus: every speaker says every label <paramref name="perLabel"/> times, files
    /// wav/{speaker}_{label}_{k}.wav, manifest "path,label,speaker".
    /// </summary>
    public string WriteBalanced(IReadOnlyList<string> speakers, IReadOnlyList<string> labels, int perLabel)
    {
        var lines = new List<string> { "path,label,speaker" };
        int salt = 0;
        foreach (string speaker in speakers)
        {
            foreach (string label in labels)
            {
                for (int k = 0; k < perLabel; k++)
                {
                    string relative = $"wav/{speaker}_{label}_{k}.wav";
                    AddWave(relative, salt++);
                    lines.Add($"{relative},{label},{speaker}");
                }
            }
        }
        return WriteManifest(lines.ToArray());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

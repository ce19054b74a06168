using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DistillPlatform.Features.Corpus;

/// <summary>
/// A SHA-256 fingerprint of the data a resolved corpus feeds into feature extraction: for every accepted utterance
/// (sorted by id) its id, source label, speaker and split, and the SHA-256 of the audio file's bytes.
/// </summary>
/// <remarks>
/// File contents are hashed rather than sizes and modification times because the id built from this hash must be
/// the same on every machine: copying or downloading a corpus changes mtimes (same data, new id, needless
/// re-extraction), and an in-place edit can keep the size (changed data, same id, stale features reused).
/// Extraction reads every byte anyway, so hashing costs one extra sequential read of the corpus.
/// Rows left out by the label filter or skipped as bad do not count: they do not influence the features.
/// </remarks>
public static class CorpusContentHash
{
    private const string Domain = "distill-corpus-content/v1";

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Compute(ResolvedCorpus corpus)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, Domain);
        foreach (CorpusUtterance utterance in corpus.Utterances.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            AppendField(hash, utterance.Id);
            AppendField(hash, utterance.SourceLabel);
            AppendField(hash, utterance.Speaker);
            AppendField(hash, utterance.Split.ToName());
            AppendField(hash, HashFile(utterance.AudioPath));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string HashFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Length-prefixed so that no two different field sequences produce the same bytes.</summary>
    private static void AppendField(IncrementalHash hash, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistillPlatform.Contracts.Artifacts;

/// <summary>
/// Ids derived from what an artifact is made of: a prefix naming the kind ("fs-", "pool-", "gen-", "syn-") and the
/// start of the lowercase hex SHA-256 of a canonical text of every input that decides the artifact. The same inputs
/// always give the same id, so a repeated request finds the artifact already stored; any difference gives another id.
/// </summary>
/// <remarks>
/// Stored artifacts are looked up by these ids, so a recipe (prefix, canonical text, length) must never change for a
/// kind of id that is already in use: a new recipe needs a new prefix or domain.
/// </remarks>
public static class ContentId
{
    /// <summary><paramref name="prefix"/> and the first <paramref name="hexDigits"/> hex digits of the SHA-256 of <paramref name="canonicalText"/> (UTF-8).</summary>
    public static string FromText(string prefix, string canonicalText, int hexDigits)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(canonicalText);
        ArgumentOutOfRangeException.ThrowIfLessThan(hexDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hexDigits, SHA256.HashSizeInBytes * 2);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText));
        return prefix + Convert.ToHexStringLower(hash)[..hexDigits];
    }

    /// <summary>
    /// The id of <paramref name="settings"/> written as JSON by <see cref="JsonSerializer"/>'s defaults (properties in
    /// declaration order), typically an anonymous object naming each input.
    /// </summary>
    public static string FromJson<T>(string prefix, T settings, int hexDigits) =>
        FromText(prefix, JsonSerializer.Serialize(settings), hexDigits);

    /// <summary>
    /// The id of named text fields under <paramref name="domain"/>: the canonical text is the domain and a newline,
    /// then <c>name=&lt;UTF-8 byte length of value&gt;:value</c> and a newline per field. The length keeps two different
    /// inputs from ever writing the same text, and the recipe is easy to recompute in any language.
    /// </summary>
    public static string FromFields(string prefix, string domain, IEnumerable<(string Name, string Value)> fields, int hexDigits)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder(domain).Append('\n');
        foreach ((string name, string value) in fields)
            text.Append(name).Append('=').Append(Encoding.UTF8.GetByteCount(value)).Append(':').Append(value).Append('\n');
        return FromText(prefix, text.ToString(), hexDigits);
    }
}

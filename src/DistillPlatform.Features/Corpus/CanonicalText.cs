using System.Globalization;
using System.Text;

namespace DistillPlatform.Features.Corpus;

/// <summary>
/// Helpers for the canonical string forms of requests. Those strings go into artifact ids, so they must never
/// depend on culture, dictionary order or on names that contain the delimiters themselves.
/// </summary>
internal static class CanonicalText
{
    private const string Delimiters = "\\[](),=>";

    /// <summary>Backslash-escapes the characters the canonical forms use as delimiters.</summary>
    public static string Escape(string value)
    {
        if (value.IndexOfAny(Delimiters.ToCharArray()) < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 4);
        foreach (char c in value)
        {
            if (Delimiters.Contains(c))
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>"[a,b,c]" with every element escaped.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(",", values.Select(Escape)) + "]";

    /// <summary>Shortest round-trip, culture-independent form of a number.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

namespace DistillPlatform.Features.Corpus;

/// <summary>
/// The manifest file as a whole cannot be read (no header, a required column missing, an unclosed quote), so no
/// row-by-row validation is possible. Row-level problems are reported by <see cref="CorpusValidationException"/>.
/// </summary>
public sealed class CorpusManifestFormatException(string manifestPath, string problem)
    : Exception($"Corpus manifest '{manifestPath}' cannot be read: {problem}")
{
    public string ManifestPath { get; } = manifestPath;
}

namespace DistillPlatform.Features.Corpus;

/// <summary>The corpus failed validation; <see cref="Report"/> lists every problem, and so does the message.</summary>
public sealed class CorpusValidationException(CorpusValidationReport report)
    : Exception(report.Describe() + "\nFix these rows in the manifest (or skip bad rows, for row problems) and retry.")
{
    public CorpusValidationReport Report { get; } = report;
}

using System.Text;

namespace DistillPlatform.Features.Corpus;

/// <summary>
/// Everything validation found: every problem (one entry per offending row, plus corpus-wide problems), and how
/// many rows the label filter left out on purpose, per source label.
/// </summary>
public sealed record CorpusValidationReport(
    string ManifestPath,
    int RowCount,
    IReadOnlyList<CorpusProblem> Problems,
    IReadOnlyDictionary<string, int> RowsDroppedByLabel)
{
    public bool HasProblems => Problems.Count > 0;

    /// <summary>Problems that skipping rows cannot fix.</summary>
    public IEnumerable<CorpusProblem> BlockingProblems(bool skipBadRows) =>
        Problems.Where(p => !skipBadRows || !p.IsSkippable);

    /// <summary>Rows with a row problem: left out when bad rows are skipped, otherwise the reason the request failed.</summary>
    public int BadRowCount => Problems.Where(p => p.IsSkippable && p.LineNumber is not null)
                                          .Select(p => p.LineNumber).Distinct().Count();

    /// <summary>A readable multi-line summary listing every problem.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append($"Corpus manifest '{ManifestPath}' ({RowCount} rows): {Problems.Count} problem(s)");
        foreach (CorpusProblem problem in Problems)
        {
            text.Append('\n').Append("  ").Append(problem);
        }
        if (RowsDroppedByLabel.Count > 0)
        {
            text.Append("\n  rows left out by the label filter: ")
                .Append(string.Join(", ", RowsDroppedByLabel.Select(d => $"{d.Key}={d.Value}")));
        }
        return text.ToString();
    }
}

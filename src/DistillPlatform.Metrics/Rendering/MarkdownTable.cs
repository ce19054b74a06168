using System.Text;

namespace DistillPlatform.Metrics.Rendering;

public enum ColumnAlignment
{
    Left,
    Right,
    Center,
}

/// <summary>GitHub-flavoured Markdown tables. Cell text is escaped so that a '|' or a line break cannot break the table.</summary>
public static class MarkdownTable
{
    public static string Render(
        IReadOnlyList<string> headers,
        IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyList<ColumnAlignment>? alignments = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0) throw new ArgumentException("A Markdown table needs at least one column.", nameof(headers));
        if (alignments is not null && alignments.Count != headers.Count)
        {
            throw new ArgumentException($"Got {alignments.Count} column alignments for {headers.Count} columns.", nameof(alignments));
        }

        var builder = new StringBuilder();
        AppendRow(builder, headers);
        builder.Append('|');
        for (var c = 0; c < headers.Count; c++)
        {
            builder.Append((alignments?[c] ?? ColumnAlignment.Left) switch
            {
                ColumnAlignment.Right => " ---: |",
                ColumnAlignment.Center => " :---: |",
                _ => " --- |",
            });
        }
        builder.Append('\n');

        var rowNumber = 0;
        foreach (var row in rows)
        {
            rowNumber++;
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"Row {rowNumber} has {row.Count} cells but the table has {headers.Count} columns.", nameof(rows));
            }
            AppendRow(builder, row);
        }
        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, IReadOnlyList<string> cells)
    {
        builder.Append('|');
        foreach (var cell in cells) builder.Append(' ').Append(Escape(cell)).Append(" |");
        builder.Append('\n');
    }

    private static string Escape(string? cell) =>
        (cell ?? string.Empty).Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}

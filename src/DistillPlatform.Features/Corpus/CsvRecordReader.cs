using System.Text;

namespace DistillPlatform.Features.Corpus;

/// <summary>One CSV record: its fields and the 1-based line of the file on which it starts.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// Splits CSV text into records following RFC 4180: fields separated by commas, optionally enclosed in double
/// quotes, a doubled quote inside a quoted field standing for one quote, and commas or line breaks allowed inside
/// quoted fields. Blank lines are skipped. Line numbers are kept so problems can point at the line a user sees in
/// an editor.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>Reads every record; throws <see cref="FormatException"/> naming the line of an unterminated quote.</summary>
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordStartLine = 1;
        bool inQuotes = false;
        bool fieldWasQuoted = false;
        int quoteStartLine = 0;

        void EndField()
        {
            // Whitespace around unquoted values is never meaningful in a manifest; quoted values are kept verbatim.
            fields.Add(fieldWasQuoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            bool blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank)
            {
                records.Add(new CsvRecord(recordStartLine, fields.ToArray()));
            }
            fields.Clear();
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }

            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0:
                    field.Clear();
                    inQuotes = true;
                    fieldWasQuoted = true;
                    quoteStartLine = line;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    // Part of a CRLF line break (or a lone CR, treated the same); the '\n' ends the record.
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        EndRecord();
                        line++;
                        recordStartLine = line;
                    }
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordStartLine = line;
                    break;
                case var _ when fieldWasQuoted && char.IsWhiteSpace(c):
                    // Whitespace between a closing quote and the next comma is layout, not content.
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException(
                $"line {quoteStartLine}: a quoted field is never closed (missing '\"'); every quote that opens a field must be closed.");
        }
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            EndRecord();
        }
        return records;
    }
}

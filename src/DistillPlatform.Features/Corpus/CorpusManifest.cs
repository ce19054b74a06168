namespace DistillPlatform.Features.Corpus;

/// <summary>
/// A corpus described by a CSV manifest with the columns <c>path,label,speaker</c> and optionally <c>split</c>
/// (train/dev/test). Column order is free, names are case-insensitive and any other columns (EmoDB's
/// <c>text_id,gender</c>, say) are ignored. Audio paths are resolved against <see cref="AudioRoot"/>, which
/// defaults to the manifest's folder.
/// </summary>
public sealed class CorpusManifest
{
    public const string PathColumn = "path";
    public const string LabelColumn = "label";
    public const string SpeakerColumn = "speaker";
    public const string SplitColumn = "split";

    private CorpusManifest(string manifestPath, string audioRoot, IReadOnlyList<CorpusManifestRow> rows, bool hasSplitColumn)
    {
        ManifestPath = manifestPath;
        AudioRoot = audioRoot;
        Rows = rows;
        HasSplitColumn = hasSplitColumn;
    }

    /// <summary>Full path of the manifest file.</summary>
    public string ManifestPath { get; }

    /// <summary>Full path of the folder relative audio paths are resolved against.</summary>
    public string AudioRoot { get; }

    /// <summary>Every data row, in file order.</summary>
    public IReadOnlyList<CorpusManifestRow> Rows { get; }

    /// <summary>Whether the manifest assigns splits itself (a <c>split</c> column).</summary>
    public bool HasSplitColumn { get; }

    /// <summary>The full path of a row's audio file.</summary>
    public string ResolveAudioPath(CorpusManifestRow row) => Path.GetFullPath(Path.Combine(AudioRoot, row.Path));

    /// <summary>
    /// Reads a manifest. Rows with the wrong number of fields are kept (with <see cref="CorpusManifestRow.FieldCountProblem"/>
    /// set) so validation can report them together with every other problem.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest file does not exist.</exception>
    /// <exception cref="CorpusManifestFormatException">The file has no usable header or an unclosed quote.</exception>
    public static CorpusManifest Load(string manifestPath, string? audioRoot = null)
    {
        string fullPath = Path.GetFullPath(manifestPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Corpus manifest '{fullPath}' does not exist.", fullPath);
        }
        string root = Path.GetFullPath(audioRoot ?? Path.GetDirectoryName(fullPath)!);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Corpus audio root '{root}' does not exist.");
        }
        return Parse(File.ReadAllText(fullPath), fullPath, root);
    }

    /// <summary>Parses manifest text; <paramref name="manifestPath"/> is only used in messages.</summary>
    public static CorpusManifest Parse(string csvText, string manifestPath, string audioRoot)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvRecordReader.Parse(csvText);
        }
        catch (FormatException e)
        {
            throw new CorpusManifestFormatException(manifestPath, e.Message);
        }
        if (records.Count == 0)
        {
            throw new CorpusManifestFormatException(manifestPath,
                $"the file is empty; it needs a header line with the columns {PathColumn},{LabelColumn},{SpeakerColumn}[,{SplitColumn}].");
        }

        IReadOnlyList<string> header = records[0].Fields;
        int ColumnIndex(string name) =>
            header.Select((column, index) => (column, index))
                  .Where(c => string.Equals(c.column, name, StringComparison.OrdinalIgnoreCase))
                  .Select(c => c.index)
                  .DefaultIfEmpty(-1)
                  .First();

        string[] repeated = header.GroupBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1 && g.Key.Length > 0)
            .Select(g => g.Key)
            .ToArray();
        if (repeated.Length > 0)
        {
            throw new CorpusManifestFormatException(manifestPath,
                $"the header (line {records[0].LineNumber}) names the column(s) {string.Join(", ", repeated)} more than once; each column may appear once.");
        }

        int pathIndex = ColumnIndex(PathColumn);
        int labelIndex = ColumnIndex(LabelColumn);
        int speakerIndex = ColumnIndex(SpeakerColumn);
        int splitIndex = ColumnIndex(SplitColumn);
        string[] missing = new[] { (PathColumn, pathIndex), (LabelColumn, labelIndex), (SpeakerColumn, speakerIndex) }
            .Where(c => c.Item2 < 0).Select(c => c.Item1).ToArray();
        if (missing.Length > 0)
        {
            throw new CorpusManifestFormatException(manifestPath,
                $"the header (line {records[0].LineNumber}: '{string.Join(",", header)}') lacks the required column(s) " +
                $"{string.Join(", ", missing)}; the header must name {PathColumn},{LabelColumn},{SpeakerColumn} (and optionally {SplitColumn}).");
        }

        var rows = new List<CorpusManifestRow>(records.Count - 1);
        foreach (CsvRecord record in records.Skip(1))
        {
            IReadOnlyList<string> fields = record.Fields;
            string Field(int index) => index >= 0 && index < fields.Count ? fields[index] : "";
            string? fieldCountProblem = fields.Count == header.Count
                ? null
                : $"the row has {fields.Count} field(s) but the header has {header.Count}";
            rows.Add(new CorpusManifestRow(
                record.LineNumber,
                Field(pathIndex),
                Field(labelIndex),
                Field(speakerIndex),
                splitIndex >= 0 ? Field(splitIndex) : null,
                fieldCountProblem));
        }
        return new CorpusManifest(manifestPath, audioRoot, rows, splitIndex >= 0);
    }
}

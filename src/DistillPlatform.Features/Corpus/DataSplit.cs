namespace DistillPlatform.Features.Corpus;

/// <summary>The three partitions a corpus is divided into. Synthetic feature sets only use <see cref="Train"/>.</summary>
public enum DataSplit
{
    Train,
    Dev,
    Test,
}

/// <summary>The lower-case names used for splits in manifests, file names and canonical strings.</summary>
public static class DataSplitNames
{
    public static string ToName(this DataSplit split) => split switch
    {
        DataSplit.Train => "train",
        DataSplit.Dev => "dev",
        DataSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>Parses "train", "dev" or "test" (case-insensitive); returns false for anything else.</summary>
    public static bool TryParse(string text, out DataSplit split)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "train": split = DataSplit.Train; return true;
            case "dev": split = DataSplit.Dev; return true;
            case "test": split = DataSplit.Test; return true;
            default: split = default; return false;
        }
    }
}

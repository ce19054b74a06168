namespace DistillPlatform.Torch.nn;

/// <summary>
/// A state dict does not fit a module: keys it lacks, keys the module does not have, or tensors of the wrong shape.
/// The message lists every offending key so the user can see whether the file belongs to a different architecture.
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    public StateDictMismatchException(
        string moduleName, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<string> misShapedKeys)
        : base(Describe(moduleName, missingKeys, unexpectedKeys, misShapedKeys))
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        MisShapedKeys = misShapedKeys;
    }

    /// <summary>Same mismatch with more context (e.g. the file it came from) in the message.</summary>
    public StateDictMismatchException(string message, StateDictMismatchException inner) : base(message, inner)
    {
        MissingKeys = inner.MissingKeys;
        UnexpectedKeys = inner.UnexpectedKeys;
        MisShapedKeys = inner.MisShapedKeys;
    }

    public IReadOnlyList<string> MissingKeys { get; }

    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>One entry per key: "name: expected [..], got [..]".</summary>
    public IReadOnlyList<string> MisShapedKeys { get; }

    private static string Describe(
        string moduleName, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
    {
        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add($"missing keys: {string.Join(", ", missing)}");
        if (unexpected.Count > 0)
            problems.Add($"unexpected keys: {string.Join(", ", unexpected)}");
        if (misShaped.Count > 0)
            problems.Add($"shape mismatches: {string.Join("; ", misShaped)}");
        return $"State dict does not match {moduleName}: {string.Join(" | ", problems)}.";
    }
}

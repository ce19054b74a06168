namespace DistillPlatform.Features.Corpus;

/// <summary>
/// How manifest labels become class indices. <see cref="Renames"/> is applied first (e.g. excited→happy); then a
/// label is kept when it is one of <see cref="Classes"/>, whose order defines the class indices. When
/// <see cref="Classes"/> is null the classes are every (renamed) label found in the manifest, sorted ordinally so
/// the indices do not depend on row order.
/// </summary>
public sealed record LabelMapping
{
    /// <summary>Creates a mapping and checks it is self-consistent.</summary>
    /// <exception cref="ArgumentException">Duplicate or empty class names, or renames that cannot work.</exception>
    public LabelMapping(
        IReadOnlyList<string>? classes,
        IReadOnlyDictionary<string, string>? renames = null,
        UnlistedLabels unlisted = UnlistedLabels.Drop)
    {
        renames ??= new Dictionary<string, string>();
        if (classes is not null)
        {
            if (classes.Count == 0)
            {
                throw new ArgumentException("A fixed class list needs at least one class; pass null to take the classes from the manifest.", nameof(classes));
            }
            if (classes.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("Class names must not be empty.", nameof(classes));
            }
            string[] duplicates = classes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            if (duplicates.Length > 0)
            {
                throw new ArgumentException($"Class names must be unique; repeated: {string.Join(", ", duplicates)}.", nameof(classes));
            }
            string[] unreachable = renames.Where(r => !classes.Contains(r.Value, StringComparer.Ordinal))
                                          .Select(r => $"{r.Key}→{r.Value}").ToArray();
            if (unreachable.Length > 0)
            {
                throw new ArgumentException(
                    $"Every rename must target one of the classes [{string.Join(", ", classes)}]; these do not: {string.Join(", ", unreachable)}.",
                    nameof(renames));
            }
            string[] shadowed = renames.Keys.Where(k => classes.Contains(k, StringComparer.Ordinal)).ToArray();
            if (shadowed.Length > 0)
            {
                throw new ArgumentException(
                    $"A class cannot also be renamed to another class (it would be ambiguous which one it is): {string.Join(", ", shadowed)}.",
                    nameof(renames));
            }
        }
        if (renames.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Value)))
        {
            throw new ArgumentException("Rename sources and targets must not be empty.", nameof(renames));
        }

        Classes = classes?.ToArray();
        Renames = new SortedDictionary<string, string>(renames.ToDictionary(), StringComparer.Ordinal);
        Unlisted = unlisted;
        Canonical =
            "labels(classes=" + (Classes is null ? "manifest" : CanonicalText.List(Classes)) +
            ",rename=[" + string.Join(",", Renames.Select(r => CanonicalText.Escape(r.Key) + ">" + CanonicalText.Escape(r.Value))) + "]" +
            ",unlisted=" + (unlisted == UnlistedLabels.Drop ? "drop" : "reject") + ")";
    }

    /// <summary>Every label of the manifest is a class; classes are sorted ordinally.</summary>
    public static LabelMapping FromManifest(IReadOnlyDictionary<string, string>? renames = null) => new(null, renames);

    /// <summary>Keep exactly these classes (in this index order) and drop rows with any other label.</summary>
    public static LabelMapping Keep(params string[] classes) => new(classes);

    /// <summary>The fixed class list in index order, or null when the classes come from the manifest.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>Source label → class name, applied before filtering.</summary>
    public IReadOnlyDictionary<string, string> Renames { get; }

    public UnlistedLabels Unlisted { get; }

    /// <summary>Stable text form, e.g. <c>labels(classes=[neutral,happy],rename=[excited>happy],unlisted=drop)</c>.</summary>
    public string Canonical { get; }

    /// <summary>Returns a copy that also renames <paramref name="from"/> to <paramref name="to"/>.</summary>
    public LabelMapping WithRename(string from, string to) =>
        new(Classes, new Dictionary<string, string>(Renames) { [from] = to }, Unlisted);

    /// <summary>Returns a copy with another policy for labels outside the class list.</summary>
    public LabelMapping WithUnlisted(UnlistedLabels unlisted) => new(Classes, Renames, unlisted);

    /// <summary>The class name a source label maps to (before the class-list check).</summary>
    public string Map(string sourceLabel) => Renames.TryGetValue(sourceLabel, out string? target) ? target : sourceLabel;

    // Equality is by meaning, which the canonical form captures exactly (lists would otherwise compare by reference).
    public bool Equals(LabelMapping? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    public override string ToString() => Canonical;
}

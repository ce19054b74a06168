namespace DistillPlatform.Contracts.Features;

/// <summary>
/// Which labels become classes. <see cref="Renames"/> maps source labels to class names first (e.g. "W" → "angry").
/// <see cref="Classes"/> null: every label in the manifest (after renaming) is a class, sorted; otherwise exactly
/// these classes in this order, and rows with any other label are left out on purpose (e.g. keep 4 of EmoDB's 7
/// emotions), or, with <see cref="RejectUnlistedLabels"/>, reported as problems (catches typos such as "Angry").
/// </summary>
public sealed record LabelMappingSpec(
    IReadOnlyList<string>? Classes = null,
    IReadOnlyDictionary<string, string>? Renames = null,
    bool RejectUnlistedLabels = false);

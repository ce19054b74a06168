namespace DistillPlatform.Features.Corpus;

/// <summary>What happens to a row whose (renamed) label is not one of a fixed class list.</summary>
public enum UnlistedLabels
{
    /// <summary>The row is left out on purpose (e.g. keep 4 of EmoDB's 7 emotions); the report counts such rows per label.</summary>
    Drop,

    /// <summary>The row is a validation problem ("unknown label"); use this to catch typos such as "Angry" for "angry".</summary>
    Reject,
}

namespace DistillPlatform.Contracts.Features;

/// <summary>
/// An <see cref="ExtractFeatures"/> request cannot succeed as sent: <see cref="Reason"/> says why and what to change;
/// <see cref="ValidationProblems"/> lists every corpus problem (one per offending manifest row, e.g.
/// "line 12 (wav/a.wav): UnreadableAudio: ...") when the corpus failed validation, and is empty otherwise.
/// </summary>
public sealed record FeatureExtractionFailed(Guid RequestId, string Reason, IReadOnlyList<string> ValidationProblems);

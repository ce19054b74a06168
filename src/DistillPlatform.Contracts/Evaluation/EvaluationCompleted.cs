using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Evaluation;

/// <summary>
/// An evaluation is stored: <see cref="Report"/> is <c>evaluations/&lt;id&gt;/report.json</c> (every repeat's
/// predictions and metrics; uploaded last, so it marks a finished evaluation), <see cref="Markdown"/> its readable
/// summary. The UAR over repeats is repeated here as a headline.
/// </summary>
public sealed record EvaluationCompleted(
    Guid RequestId,
    string EvaluationId,
    ArtifactRef Report,
    ArtifactRef Markdown,
    double UarMean,
    double UarStd);

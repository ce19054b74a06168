namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>
/// Evaluation ids of a pipeline (the pipeline chooses them, unlike the other artifact ids, which the services derive
/// from content): <c>pipeline-&lt;id&gt;-real</c> and <c>pipeline-&lt;id&gt;-&lt;preset&gt;-&lt;budget&gt;</c>, with the
/// preset's '+' signs dropped ("+div+sml" → "div-sml") so the id is a plain object-store key segment.
/// </summary>
public static class EvaluationIds
{
    public static string Real(Guid pipelineId) => $"pipeline-{pipelineId:N}-real";

    public static string Synthetic(Guid pipelineId, string lossPreset, int pointsPerClass) =>
        $"pipeline-{pipelineId:N}-{Slug(lossPreset)}-{pointsPerClass}";

    private static string Slug(string lossPreset) =>
        string.Join('-', lossPreset.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

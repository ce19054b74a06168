using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>Bookkeeping of one stage of a pipeline (a mutable class because it is part of the stored saga state).</summary>
public sealed class PipelineStage
{
    /// <summary>Unique within the pipeline, e.g. "extract-features", "distill/+div", "sample/+div/100".</summary>
    public string Name { get; set; } = "";

    public PipelineStageKind Kind { get; set; }

    /// <summary>The loss preset a distil, sample or evaluate stage belongs to.</summary>
    public string? LossPreset { get; set; }

    /// <summary>The budget a sample or evaluate stage belongs to.</summary>
    public int? PointsPerClass { get; set; }

    /// <summary>Stages that must be completed before this one starts.</summary>
    public List<string> DependsOn { get; set; } = [];

    /// <summary>RequestId of the command this stage sends; service events carry it back (see <see cref="StageRequestIds"/>).</summary>
    public Guid RequestId { get; set; }

    public PipelineStageState State { get; set; } = PipelineStageState.Pending;

    /// <summary>What the stage produced: feature set, pool, generator, synthetic set or evaluation id, or the report URI.</summary>
    public string? ArtifactId { get; set; }

    /// <summary>Bytes of what the stage produced where the storage report needs them (generator weights, synthetic set).</summary>
    public long? ArtifactBytes { get; set; }

    /// <summary>A short human-readable note: the failure reason, "from cache", the headline UAR.</summary>
    public string? Detail { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

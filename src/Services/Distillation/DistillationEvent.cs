using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Something the (synchronous) distiller reports from its thread; the consumer turns these into messages and uploads
/// on its own asynchronous loop, so training never waits on the broker or the object store.
/// </summary>
public abstract record DistillationEvent;

public sealed record DistillationStepTrained(GanStepReport Report) : DistillationEvent;

public sealed record DistillationCheckpointWritten(DistillationCheckpoint Checkpoint, GanStepReport? LastReport) : DistillationEvent;

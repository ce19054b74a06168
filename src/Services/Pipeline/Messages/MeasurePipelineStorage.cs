using DistillPlatform.Contracts.Features;

namespace DistillPlatform.Services.Pipeline.Messages;

/// <summary>
/// Internal to the pipeline service (queue <see cref="PipelineEndpoints.MeasureStorage"/>): measure the bytes the
/// storage-footprint section compares: the corpus audio and the stored real feature set.
/// Answered by <see cref="PipelineStorageMeasured"/>.
/// </summary>
public sealed record MeasurePipelineStorage(Guid PipelineId, string FeatureSetId, CorpusLocation Corpus);

/// <param name="SourceAudioBytes">Null when the corpus folder is not readable from the pipeline host.</param>
public sealed record PipelineStorageMeasured(Guid PipelineId, long? SourceAudioBytes, long RealFeatureSetBytes);

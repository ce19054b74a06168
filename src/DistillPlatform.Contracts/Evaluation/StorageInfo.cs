namespace DistillPlatform.Contracts.Evaluation;

/// <summary>Bytes needed to keep the training data against the real data it replaces (all positive).</summary>
/// <param name="GeneratorBytes">The generator that sampled a synthetic training set; null for real data.</param>
public sealed record StorageInfo(long SourceAudioBytes, long RealFeatureSetBytes, long TrainingSetBytes, long? GeneratorBytes = null);

namespace DistillPlatform.Features.FeatureSets;

/// <summary>A feature set folder does not match its manifest or the format: incomplete, corrupt or inconsistent.</summary>
public sealed class FeatureSetFormatException(string message) : Exception(message);

namespace DistillPlatform.Cli.Configuration;

/// <summary>The pipeline configuration (options, --config file, corpus folder) cannot be sent as it is; the message says what to fix.</summary>
public sealed class PipelineConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

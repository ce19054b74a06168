using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Cli.Configuration;

/// <summary>The command to send, and whether its corpus is the built-in demo corpus (generated before sending when missing).</summary>
public sealed record PipelineRunPlan(RunDistillationPipeline Command, bool UsesDemoCorpus);

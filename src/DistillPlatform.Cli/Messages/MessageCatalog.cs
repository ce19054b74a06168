using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Messages;

/// <summary>The command messages <c>distill publish</c> accepts, found by short name ("DistillGenerator") or full name.</summary>
public static class MessageCatalog
{
    public static IReadOnlyList<CommandMessageType> Commands { get; } =
    [
        new(typeof(ExtractFeatures), FeatureExtractionQueue.Address),
        new(typeof(TrainCheckpointPool), CheckpointPoolQueue.Address),
        new(typeof(DistillGenerator), DistillationQueue.Address),
        new(typeof(SampleSyntheticSet), SamplingQueue.Address),
        new(typeof(EvaluateTrainingSet), EvaluationQueue.Address),
        new(typeof(RunDistillationPipeline), PipelineQueue.Address),
        new(typeof(CancelDistillation), null),
        new(typeof(CancelPipeline), null),
    ];

    /// <exception cref="MessageValidationException">No command has that name; the message lists the known ones.</exception>
    public static CommandMessageType Find(string name)
    {
        var found = Commands.FirstOrDefault(c =>
            string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.ClrType.FullName, name, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new MessageValidationException(
            $"Unknown message type '{name}'. Known commands: {string.Join(", ", Commands.Select(c => c.Name))}.");
    }
}

namespace DistillPlatform.Contracts.Evaluation;

/// <summary>The queue the evaluation service reads <see cref="EvaluateTrainingSet"/> commands from.</summary>
public static class EvaluationQueue
{
    public const string Name = "evaluate-training-set";

    public static Uri Address { get; } = new($"queue:{Name}");
}

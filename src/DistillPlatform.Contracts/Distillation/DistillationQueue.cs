namespace DistillPlatform.Contracts.Distillation;

/// <summary>The queue the distillation service reads <see cref="DistillGenerator"/> commands from.</summary>
public static class DistillationQueue
{
    public const string Name = "distill-generator";

    public static Uri Address { get; } = new($"queue:{Name}");
}

using System.Globalization;

namespace DistillPlatform.Gan.Distillation;

/// <summary>
/// A resumable checkpoint written by <see cref="GeneratorDistiller"/>: a <c>GanTrainer</c> checkpoint folder plus the
/// training curves so far, in a folder named <c>step-NNNNNN</c> after the step it holds.
/// </summary>
public sealed record DistillationCheckpoint(long Step, string Directory)
{
    private const string FolderPrefix = "step-";

    /// <summary>The folder name of the checkpoint at <paramref name="step"/>; zero-padded, so ordinal order is step order.</summary>
    public static string FolderNameOf(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return FolderPrefix + step.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The step of a folder named by <see cref="FolderNameOf"/>, or null for any other name.</summary>
    public static long? StepOf(string folderName) =>
        folderName.StartsWith(FolderPrefix, StringComparison.Ordinal)
        && long.TryParse(folderName.AsSpan(FolderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long step)
            ? step
            : null;
}

/// <summary>What a <see cref="GeneratorDistiller"/> run reports while it trains; both run on the training thread.</summary>
/// <param name="OnStep">After every step, with its losses.</param>
/// <param name="OnCheckpoint">After a checkpoint folder was written (every CheckpointEvery steps and when cancelled).</param>
public sealed record DistillationCallbacks(
    Action<Training.GanStepReport>? OnStep = null,
    Action<DistillationCheckpoint>? OnCheckpoint = null);

/// <summary>
/// How a run ended. Completed: <see cref="GeneratorDirectory"/> holds the generator folder described by
/// <see cref="Manifest"/>. Cancelled: it stopped between steps at <see cref="Step"/> and <see cref="LastCheckpoint"/>
/// holds that state.
/// </summary>
/// <param name="ResumedFromStep">The step the run started from (0 for a fresh start).</param>
public sealed record GeneratorDistillationResult(
    bool Completed,
    long Step,
    long ResumedFromStep,
    string? GeneratorDirectory,
    Artifacts.GeneratorManifest? Manifest,
    DistillationCheckpoint? LastCheckpoint);

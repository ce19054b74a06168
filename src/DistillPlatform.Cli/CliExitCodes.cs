namespace DistillPlatform.Cli;

/// <summary>What <c>distill</c> exits with; scripts (scripts/run.sh) pass the pipeline's code on.</summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The pipeline failed, or the command could not do what it was asked (bad input, missing artifact).</summary>
    public const int Failed = 1;

    /// <summary>The pipeline was cancelled.</summary>
    public const int Cancelled = 2;

    /// <summary>The platform is not running or does not answer.</summary>
    public const int PlatformUnavailable = 3;

    /// <summary>The --timeout passed before the pipeline ended (it keeps running).</summary>
    public const int TimedOut = 4;

    /// <summary>The user stopped the command with Ctrl+C (the shell's convention for SIGINT).</summary>
    public const int Interrupted = 130;
}

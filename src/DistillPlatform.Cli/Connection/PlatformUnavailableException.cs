namespace DistillPlatform.Cli.Connection;

/// <summary>
/// The platform cannot be reached: no running AppHost was found, or its broker or object store does not answer.
/// The message is one readable line that says how to start it.
/// </summary>
public sealed class PlatformUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string StartHint = "Start the platform with ./scripts/run.sh --platform-only (or ./scripts/run.sh), or point --state at its state folder.";
}

namespace DistillPlatform.Cli.Messages;

/// <summary>
/// A command the CLI can publish from JSON, and where it goes by default: sent to <see cref="Queue"/> (the service's
/// command queue), or published to every consumer of the type when <see cref="Queue"/> is null (cancellations, which
/// must reach whichever instance runs the work).
/// </summary>
public sealed record CommandMessageType(Type ClrType, Uri? Queue)
{
    public string Name => ClrType.Name;
}

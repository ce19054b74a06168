namespace DistillPlatform.Contracts.Diagnostics;

/// <summary>Naming of the per-service queue that answers <see cref="Ping"/> and <see cref="RelayPing"/>.</summary>
public static class DiagnosticsQueue
{
    /// <summary>The queue name of <paramref name="serviceName"/>'s diagnostics endpoint, e.g. "sampling-diagnostics".</summary>
    public static string For(string serviceName) => $"{serviceName}-diagnostics";

    /// <summary>The MassTransit short address of that queue (for request clients and Send).</summary>
    public static Uri AddressFor(string serviceName) => new($"queue:{For(serviceName)}");
}

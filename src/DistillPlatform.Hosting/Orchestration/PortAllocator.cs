using System.Net;
using System.Net.Sockets;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// Gives every endpoint a port on 127.0.0.1 before anything starts: pinned ports are checked (a taken one fails the
/// start with <see cref="PortConflictException"/> naming resource and port), the rest get a free port below the kernel's
/// ephemeral range. A resource binds its port seconds after it was picked (services wait for the broker), and
/// outgoing connections (AMQP clients, OTLP exporters, health probes) take their local port from the ephemeral range:
/// a port picked there could be taken by such a connection in between, failing the resource with "address in use".
/// </summary>
internal static class PortAllocator
{
    public static void Assign(IReadOnlyList<Resource> resources)
    {
        var used = new HashSet<int>();
        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.EndpointRequests.Where(e => e.FixedPort is not null))
            {
                var port = endpoint.FixedPort!.Value;
                if (!used.Add(port) || !IsFree(port)) throw new PortConflictException(resource.Name, endpoint.Name, port);
                resource.AssignPort(endpoint.Name, port);
            }
        }

        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.EndpointRequests.Where(e => e.FixedPort is null))
            {
                var port = PickFree(used);
                used.Add(port);
                resource.AssignPort(endpoint.Name, port);
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The lowest port handed out; below it are well-known and commonly configured ports.</summary>
    private const int LowestPort = 20000;

    /// <summary>Linux's default ip_local_port_range, used when /proc cannot be read.</summary>
    private const int DefaultEphemeralStart = 32768;

    /// <summary>A free port between <see cref="LowestPort"/> and the start of the ephemeral range, at random.</summary>
    private static int PickFree(HashSet<int> used)
    {
        var ephemeralStart = EphemeralRangeStart();
        for (var attempt = 0; ephemeralStart - LowestPort > 1000 && attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, ephemeralStart);
            if (!used.Contains(port) && IsFree(port)) return port;
        }

        // No room below the ephemeral range on this machine: let the kernel choose, as a last resort.
        int fromKernel;
        do
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            fromKernel = ((IPEndPoint)listener.LocalEndPoint!).Port;
        }
        while (used.Contains(fromKernel));

        return fromKernel;
    }

    /// <summary>First port of the kernel's range for outgoing connections (/proc/sys/net/ipv4/ip_local_port_range).</summary>
    internal static int EphemeralRangeStart()
    {
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            var first = File.ReadAllText(rangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeralStart;
        }
    }
}

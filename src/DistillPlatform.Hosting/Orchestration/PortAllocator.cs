using System.Net;
using System.Net.Sockets;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// Gives every endpoint a port on 127.0.0.1 before anything starts: pinned ports are checked (a taken one fails the
/// start with <see cref="PortConflictException"/> naming resource and port), the rest get a free port from the kernel.
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
                int port;
                do port = PickFree(); while (!used.Add(port));
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

    private static int PickFree()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

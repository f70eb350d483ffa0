using System.Net;
using System.Net.Sockets;

namespace Crm.Hosting.Networking;

internal static class FreePort
{
    // Remembered so two resources of this process never get the same port before either has bound it.
    private static readonly HashSet<int> Handed = [];

    public static int Next(Func<int, bool>? acceptable = null)
    {
        while (true)
        {
            var port = Probe(0);
            lock (Handed)
            {
                if ((acceptable is null || acceptable(port)) && Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>The preferred port if nobody listens on it, otherwise null; 0 prefers any free port.</summary>
    public static int? TryReserve(int preferred)
    {
        if (preferred == 0)
        {
            return Next();
        }

        try
        {
            Probe(preferred);
        }
        catch (SocketException)
        {
            return null;
        }

        lock (Handed)
        {
            return Handed.Add(preferred) ? preferred : null;
        }
    }

    private static int Probe(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

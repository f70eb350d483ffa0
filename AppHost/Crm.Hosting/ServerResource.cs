using System.Net;
using Crm.Hosting.Networking;
using Crm.Hosting.Orchestration;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

/// <summary>
/// A server the application needs (database, broker, cache): started privately on a port fixed for the application's
/// lifetime, or, when configuration names one under <c>ConnectionStrings:&lt;name&gt;</c>, that server is used instead.
/// </summary>
public abstract class ServerResource : ProcessResource, IResourceWithConnectionString
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    private readonly string? existingConnectionString;
    private ChildProcess? server;

    private protected ServerResource(string name, HostingContext context, Func<string, DnsEndPoint> parseExisting, Func<int> freePort)
        : base(name, context)
    {
        existingConnectionString = context.ExistingConnectionString(name);
        var endpoint = existingConnectionString is null ? new DnsEndPoint("127.0.0.1", freePort()) : parseExisting(existingConnectionString);
        Host = endpoint.Host;
        Port = endpoint.Port;
    }

    public string Host { get; }

    public int Port { get; }

    public bool UsesExistingServer => existingConnectionString is not null;

    public string ConnectionString => existingConnectionString ?? OwnConnectionString;

    internal override string DisplayEndpoint => $"{Host}:{Port}";

    /// <summary>How clients reach the server we start ourselves.</summary>
    private protected abstract string OwnConnectionString { get; }

    private protected virtual TimeSpan ReadyTimeout => TimeSpan.FromSeconds(60);

    private protected string ServerDirectory => Path.Combine(Context.StateDirectory, Name);

    private protected static int AnyFreePort() => FreePort.Next();

    /// <summary>Prepares what the server needs and starts its process; readiness is checked by the caller.</summary>
    private protected abstract Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken);

    /// <summary>True once the server does real work (a query, a handshake, a PING), not merely accepts connections.</summary>
    private protected abstract Task<bool> AnswersAsync(CancellationToken cancellationToken);

    private protected sealed override async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (UsesExistingServer)
        {
            await Readiness.WaitAsync(Name, null, ReadyTimeout, AnswersAsync, cancellationToken);
            Log($"using the existing server at {DisplayEndpoint}");
            return;
        }

        server = await LaunchAsync(cancellationToken);
        await Readiness.WaitAsync(Name, server, ReadyTimeout, AnswersAsync, cancellationToken);
        Log($"ready on {DisplayEndpoint} (pid {server.Id})");
    }

    private protected override async Task OnStopAsync()
    {
        if (server is not null)
        {
            await StopChildAsync(server, GracefulSignal, ShutdownGrace);
            server = null;
        }
    }
}

using System.Net;
using Crm.Hosting.Networking;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

public sealed class RedisResource : ServerResource
{
    internal RedisResource(string name, HostingContext context)
        : base(name, context, ParseEndpoint, AnyFreePort)
    {
    }

    internal override string TypeName => "Redis";

    private protected override string OwnConnectionString => $"127.0.0.1:{Port}";

    private protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(30);

    private protected override Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        var executable = Context.Binaries.RedisServerPath;
        if (!File.Exists(executable))
        {
            throw new MissingBinaryException($"Redis is not installed: run 'apt-get install -y redis-server' (looked for {executable})");
        }

        Directory.CreateDirectory(ServerDirectory);
        List<string> arguments =
        [
            "--port", Port.ToString(),
            "--bind", "127.0.0.1",
            "--dir", ServerDirectory,
            "--daemonize", "no",
            "--save", string.Empty,
            "--appendonly", "yes",

            // Keeps /proc/<pid>/environ readable, which is how a later AppHost finds a server it left behind.
            "--set-proc-title", "no",
        ];
        return Task.FromResult(Spawn(new ProcessSpec(executable, arguments, ServerDirectory, new Dictionary<string, string?>())));
    }

    private protected override Task<bool> AnswersAsync(CancellationToken cancellationToken) =>
        TcpProbe.RedisAnswersPingAsync(Host, Port, cancellationToken);

    /// <summary>StackExchange.Redis form: "host:port,option=value,...".</summary>
    private static DnsEndPoint ParseEndpoint(string connectionString)
    {
        var endpoint = connectionString.Split(',')[0].Split(':');
        return new DnsEndPoint(endpoint[0], endpoint is [_, var port] ? int.Parse(port) : 6379);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Crm.Hosting.Networking;
using Crm.Hosting.Orchestration;
using Crm.Hosting.Processes;
using RabbitMQ.Client;

namespace Crm.Hosting;

/// <summary>
/// A private RabbitMQ node: its own epmd, cookie, node name and folders, so it never meets the system's default node
/// and several AppHosts (or test runs) can live side by side.
/// </summary>
public sealed class RabbitMQServerResource : ServerResource
{
    // The rabbitmq CLI tools listen on these, so an AMQP port here could collide with them.
    private const int CliPortsFirst = 35672;
    private const int CliPortsLast = 35682;

    private static readonly TimeSpan EpmdTimeout = TimeSpan.FromSeconds(10);

    private ChildProcess? epmd;

    internal RabbitMQServerResource(string name, HostingContext context)
        : base(name, context, ParseEndpoint, () => FreePort.Next(port => port is < CliPortsFirst or > CliPortsLast))
    {
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{context.StateDirectory}|{name}"));
        NodeName = $"crm-{Convert.ToHexStringLower(hash)[..10]}@localhost";
    }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    public string NodeName { get; }

    internal override string TypeName => "RabbitMQ";

    private protected override string OwnConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    private protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(90);

    private protected override async Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        var serverScript = Path.Combine(Context.Binaries.RabbitMQBinDirectory, "rabbitmq-server");
        foreach (var required in new[] { serverScript, Context.Binaries.EpmdPath })
        {
            if (!File.Exists(required))
            {
                throw new MissingBinaryException($"RabbitMQ is not installed: run 'apt-get install -y rabbitmq-server' (looked for {required})");
            }
        }

        WriteNodeFiles();
        var environment = NodeEnvironment();

        // Our own epmd in the foreground: one started by Erlang itself would daemonize and outlive us.
        epmd = Spawn(new ProcessSpec(Context.Binaries.EpmdPath, ["-port", EpmdPort.ToString(), "-address", "127.0.0.1"], ServerDirectory, environment));
        await Readiness.WaitAsync(Name, epmd, EpmdTimeout, ct => TcpProbe.AcceptsAsync(EpmdPort, ct), cancellationToken);
        Log($"node {NodeName}, epmd on 127.0.0.1:{EpmdPort}");

        // The start script traps SIGTERM (our graceful signal) and shuts the Erlang node down cleanly.
        return Spawn(new ProcessSpec(serverScript, [], ServerDirectory, environment));
    }

    private protected override async Task OnStopAsync()
    {
        await base.OnStopAsync();
        if (epmd is not null)
        {
            await StopChildAsync(epmd, UnixSignal.Terminate, TimeSpan.FromSeconds(5));
            epmd = null;
        }

        // Erlang helpers (inet_gethost, erl_child_setup) are grandchildren; make sure none lingers.
        await ChildProcess.KillSurvivorsAsync(ProcessTable.WithEnvironmentVariable(OwnerVariable, OwnerValue));
    }

    private protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString), ClientProvidedName = "crm-apphost-readiness" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        return connection.IsOpen;
    }

    private static DnsEndPoint ParseEndpoint(string connectionString)
    {
        const int amqpPort = 5672;
        var uri = new Uri(connectionString);
        return new DnsEndPoint(uri.Host, uri.Port > 0 ? uri.Port : amqpPort);
    }

    private void WriteNodeFiles()
    {
        Directory.CreateDirectory(ServerDirectory);
        var cookie = Path.Combine(ServerDirectory, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        }

        // Erlang refuses a cookie file that others can read.
        FileModes.MakeOwnerReadOnly(cookie);
        File.WriteAllText(
            Path.Combine(ServerDirectory, "rabbitmq.conf"),
            """
            log.file = false
            log.console = true
            log.console.level = warning
            disk_free_limit.absolute = 50MB
            """);
        File.WriteAllText(Path.Combine(ServerDirectory, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(ServerDirectory, "rabbitmq-env.conf"), string.Empty);
    }

    private Dictionary<string, string?> NodeEnvironment() => new()
    {
        ["HOME"] = ServerDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port.ToString(),
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(ServerDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(ServerDirectory, "log"),
        ["RABBITMQ_LOGS"] = "-",
        ["RABBITMQ_PID_FILE"] = Path.Combine(ServerDirectory, "rabbit.pid"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(ServerDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(ServerDirectory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(ServerDirectory, "enabled_plugins"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(ServerDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false",
        ["ERL_EPMD_PORT"] = EpmdPort.ToString(),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
    };
}

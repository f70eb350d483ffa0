using System.Net;
using Crm.Hosting.Processes;
using Npgsql;

namespace Crm.Hosting;

public sealed class PostgresServerResource : ServerResource
{
    private const string ServiceUser = "postgres";
    private const string DuplicateDatabase = "42P04";

    // A Unix socket path longer than this does not fit in sockaddr_un; TCP is what clients use anyway.
    private const int MaxSocketPathLength = 100;

    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    // Concurrent CREATE DATABASE statements fight over template1.
    private readonly SemaphoreSlim createDatabaseGate = new(1, 1);

    internal PostgresServerResource(string name, HostingContext context)
        : base(name, context, ParseEndpoint, AnyFreePort)
    {
    }

    internal override string TypeName => "PostgreSQL";

    /// <summary>Server settings given on the command line (<c>-c name=value</c>), after the ones every server gets.</summary>
    internal Dictionary<string, string> Settings { get; } = [];

    private protected override string OwnConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(ServerDirectory, "data");

    // SIGINT is the "fast" shutdown (roll back, checkpoint, exit); SIGTERM would wait for every client to disconnect.
    private protected override UnixSignal GracefulSignal => UnixSignal.Interrupt;

    private static string? RunAsUser => Environment.IsPrivilegedProcess ? ServiceUser : null;

    internal string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    internal async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await createDatabaseGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Context.Log(Name, $"created database {database}");
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Someone else (another AppHost on the same server) created it first, which is all we wanted.
        }
        finally
        {
            createDatabaseGate.Release();
        }
    }

    private protected override async Task<ChildProcess> LaunchAsync(CancellationToken cancellationToken)
    {
        var binDirectory = LocateBinDirectory();
        await StopStalePostmasterAsync();
        await InitializeDataDirectoryAsync(binDirectory, cancellationToken);
        return Spawn(new ProcessSpec(Path.Combine(binDirectory, "postgres"), ServerArguments(), ServerDirectory, new Dictionary<string, string?>(), RunAsUser));
    }

    private protected override async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    private static DnsEndPoint ParseEndpoint(string connectionString)
    {
        var existing = new NpgsqlConnectionStringBuilder(connectionString);
        return new DnsEndPoint(existing.Host ?? "127.0.0.1", existing.Port);
    }

    private string LocateBinDirectory()
    {
        var root = Context.Binaries.PostgresRoot;
        var versions = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Dir, "bin", "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .ToList()
            : [];

        return versions.Count > 0
            ? Path.Combine(versions[0].Dir, "bin")
            : throw new MissingBinaryException(
                $"PostgreSQL is not installed: run 'apt-get install -y postgresql' (looked for {root}/<version>/bin/postgres)");
    }

    private List<string> ServerArguments()
    {
        List<string> arguments =
        [
            "-D", DataDirectory,
            "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=200",
        ];
        var socketPath = Path.Combine(ServerDirectory, $".s.PGSQL.{Port}");
        arguments.AddRange(socketPath.Length <= MaxSocketPathLength ? ["-k", ServerDirectory] : ["-c", "unix_socket_directories="]);
        if (Context.Options.ForTests)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        foreach (var (name, value) in Settings)
        {
            arguments.AddRange(["-c", $"{name}={value}"]);
        }

        return arguments;
    }

    /// <summary>A postmaster.pid left by a crash blocks the next start unless its process is gone or stopped.</summary>
    private async Task StopStalePostmasterAsync()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        if (int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
            && ProcessTable.IsAlive(pid)
            && ProcessTable.CommandLine(pid).Contains(DataDirectory, StringComparison.Ordinal))
        {
            Log($"stopping PostgreSQL (pid {pid}) left running by an earlier AppHost");
            var tree = ProcessTable.Descendants(pid);
            NativeMethods.Send(pid, GracefulSignal);
            for (var waited = TimeSpan.Zero; waited < ShutdownGrace && ProcessTable.IsAlive(pid); waited += TimeSpan.FromMilliseconds(100))
            {
                await Task.Delay(100);
            }

            await ChildProcess.KillSurvivorsAsync([pid, .. tree]);
        }

        File.Delete(pidFile);
    }

    private async Task InitializeDataDirectoryAsync(string binDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ServerDirectory);
        if (RunAsUser is { } user)
        {
            EnsureTraversable(ServerDirectory);
            await RunCheckedAsync(new ProcessSpec("chown", [$"{user}:{user}", ServerDirectory], ServerDirectory, new Dictionary<string, string?>()), cancellationToken);
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        // A half-made cluster from an interrupted initdb would make initdb refuse the non-empty folder.
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        Log($"creating a new cluster in {DataDirectory}");
        await RunCheckedAsync(
            new ProcessSpec(
                Path.Combine(binDirectory, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
                ServerDirectory,
                new Dictionary<string, string?>(),
                RunAsUser),
            cancellationToken);
    }

    private async Task RunCheckedAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunToCompletionAsync(spec, Name, cancellationToken);
        if (exitCode != 0)
        {
            throw new ResourceStartupException(Name, $"'{spec.FileName}' exited with code {exitCode}:{Environment.NewLine}{output}");
        }
    }

    /// <summary>PostgreSQL runs as 'postgres', which needs to pass through every folder above its data.</summary>
    private void EnsureTraversable(string directory)
    {
        for (var dir = Directory.GetParent(directory); dir is not null; dir = dir.Parent)
        {
            if (!FileModes.OthersMayEnter(dir.FullName))
            {
                throw new ResourceStartupException(
                    Name,
                    $"the '{ServiceUser}' user cannot enter {dir.FullName}; choose a state directory elsewhere (AppHost:StateDirectory) or run 'chmod o+x {dir.FullName}'");
            }
        }
    }

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false, Timeout = 5 }.ConnectionString;
}

using Crm.Hosting.Networking;
using Crm.Hosting.Orchestration;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

/// <summary>A .NET project of the repository, run from its build output with the Aspire environment keys.</summary>
public sealed class ProjectResource : ProcessResource
{
    private const string TargetFramework = "net10.0";

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(15);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ChildProcess? process;

    internal ProjectResource(string name, string projectPath, HostingContext context)
        : base(name, context)
    {
        ProjectPath = Path.IsPathRooted(projectPath) ? projectPath : Path.GetFullPath(Path.Combine(context.RepositoryRoot, projectPath));
        Port = FreePort.Next();
    }

    public string ProjectPath { get; }

    /// <summary>The assembly the AppHost's build produced (same configuration as the AppHost itself).</summary>
    public string AssemblyPath => Path.Combine(
        Path.GetDirectoryName(ProjectPath)!, "bin", BuildConfiguration, TargetFramework, $"{Path.GetFileNameWithoutExtension(ProjectPath)}.dll");

    /// <summary>Fixed for the application's lifetime, so a restarted project is found where it was.</summary>
    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    internal List<Resource> References { get; } = [];

    /// <summary>Read when the project starts, so a value may depend on what started before it.</summary>
    internal Dictionary<string, Func<string?>> ExtraEnvironment { get; } = [];

    internal bool RunsMigrations { get; set; }

    internal override string TypeName => "Project";

    internal override string DisplayEndpoint => Endpoint.ToString().TrimEnd('/');

    /// <summary>Uses <paramref name="preferred"/> when nobody listens there, so the URL stays the same between runs.</summary>
    internal void PreferPort(int preferred)
    {
        if (FreePort.TryReserve(preferred) is { } port)
        {
            Port = port;
        }
        else
        {
            Log($"port {preferred} is taken; using {Port} instead");
        }
    }

    internal Dictionary<string, string?> BuildEnvironment()
    {
        // Everything else, OTEL_EXPORTER_OTLP_ENDPOINT included, is inherited from the AppHost's own environment.
        var environment = new Dictionary<string, string?>();
        environment["ASPNETCORE_URLS"] = DisplayEndpoint;
        environment["ASPNETCORE_ENVIRONMENT"] = Context.Options.EnvironmentName;
        environment["OTEL_SERVICE_NAME"] = Name;
        foreach (var reference in References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
                    break;
                case ProjectResource project:
                    environment[$"services__{reference.Name}__http__0"] = project.DisplayEndpoint;
                    break;
            }
        }

        foreach (var (key, value) in ExtraEnvironment)
        {
            environment[key] = value();
        }

        return environment;
    }

    private protected override async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new ResourceStartupException(Name, $"{AssemblyPath} does not exist; build it first (dotnet build AppHost/Crm.AppHost builds every project).");
        }

        var environment = BuildEnvironment();
        var workingDirectory = Path.GetDirectoryName(AssemblyPath)!;
        if (RunsMigrations)
        {
            await MigrateAsync(workingDirectory, environment, cancellationToken);
        }

        process = Spawn(new ProcessSpec("dotnet", [AssemblyPath], workingDirectory, environment));
        await Readiness.WaitAsync(Name, process, ReadyTimeout, IsReadyAsync, cancellationToken);
        Log($"ready at {DisplayEndpoint} (pid {process.Id})");
    }

    private protected override async Task OnStopAsync()
    {
        if (process is not null)
        {
            await StopChildAsync(process, UnixSignal.Terminate, ShutdownGrace);
            process = null;
        }
    }

    private async Task MigrateAsync(string workingDirectory, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        Log("applying migrations");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MigrationTimeout);
        var (exitCode, output) = await RunToCompletionAsync(
            new ProcessSpec("dotnet", [AssemblyPath, "migrate"], workingDirectory, environment), $"{Name}-migrate", timeout.Token);
        if (exitCode != 0)
        {
            throw new ResourceStartupException(Name, $"'dotnet {Path.GetFileName(AssemblyPath)} migrate' exited with code {exitCode}:{Environment.NewLine}{output}");
        }
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(Endpoint, "/health/ready"), cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }
}

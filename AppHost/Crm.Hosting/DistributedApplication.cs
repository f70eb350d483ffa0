using System.Runtime.InteropServices;
using Crm.Hosting.Orchestration;

namespace Crm.Hosting;

/// <summary>The running (or runnable) set of resources, modelled on .NET Aspire's DistributedApplication.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly HostingContext context;
    private readonly List<Resource> resources;
    private readonly DependencyGraph graph;
    private readonly StateDirectoryLock stateLock;
    private readonly IReadOnlyList<Func<string>> summaryLines;
    private bool wipePending;

    internal DistributedApplication(HostingContext context, IEnumerable<Resource> resources, bool wipeState, IReadOnlyList<Func<string>> summaryLines)
    {
        this.summaryLines = summaryLines;
        this.context = context;
        this.resources = [.. resources];
        graph = new DependencyGraph(this.resources, context.Log);
        stateLock = new StateDirectoryLock(context.StateDirectory);
        wipePending = wipeState;
    }

    public IReadOnlyList<IResource> Resources => resources;

    public string StateDirectory => context.StateDirectory;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(new DistributedApplicationOptions { Args = args });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new(options);

    /// <summary>Starts every resource in dependency order; returns once all are ready. On failure, stops what started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        stateLock.ThrowIfHeldByAnotherProcess();
        await StopStaleProcessesAsync();
        if (wipePending)
        {
            WipeState();
            wipePending = false;
        }

        stateLock.Take();
        try
        {
            await graph.StartAsync(cancellationToken);
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops every resource, dependents first; when it returns, no process we started is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await graph.StopAsync().WaitAsync(cancellationToken);
        stateLock.Release();
    }

    /// <summary>Starts everything, prints a summary, and runs until Ctrl+C, SIGTERM, SIGHUP or <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            shutdown.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        // The children live in sessions of their own, so a closed terminal reaches only us; we take them down.
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(shutdown.Token);
            // One write, so no log line of a resource lands inside the table.
            var summary = string.Concat(summaryLines.Select(line => line() + Environment.NewLine));
            Console.Write($"{Environment.NewLine}{ResourceTable.Render(resources)}{Environment.NewLine}{UpLine()}{Environment.NewLine}{summary}");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // A signal: the normal way to end the run.
        }

        Console.WriteLine("Stopping...");
        await StopAsync(CancellationToken.None);
    }

    public T GetResource<T>(string name)
        where T : IResource =>
        resources.OfType<T>().FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"There is no {typeof(T).Name} named '{name}'.");

    public Uri GetEndpoint(string name) => GetResource<ProjectResource>(name).Endpoint;

    public string GetConnectionString(string name) => GetResource<IResourceWithConnectionString>(name).ConnectionString;

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private string UpLine() =>
        resources.OfType<ProjectResource>().FirstOrDefault(project => project.Name == ResourceTable.GatewayName) is { } gateway
            ? $"CRM is up: gateway at {gateway.DisplayEndpoint}"
            : $"CRM is up: {resources.Count} resources running";

    /// <summary>
    /// An AppHost killed with SIGKILL leaves its children running; stop them, services before servers, so that
    /// nothing holds the ports, data folders or database connections the new run needs.
    /// </summary>
    private async Task StopStaleProcessesAsync()
    {
        var notRunning = resources.OfType<ProcessResource>()
            .Where(resource => resource.State is not (ResourceState.Running or ResourceState.Starting or ResourceState.Stopping));
        foreach (var resource in notRunning.OrderBy(resource => resource is ProjectResource ? 0 : 1))
        {
            await resource.StopStaleProcessesAsync();
        }
    }

    private void WipeState()
    {
        if (Directory.Exists(context.StateDirectory))
        {
            context.Log("apphost", $"wiping {context.StateDirectory}");
            Directory.Delete(context.StateDirectory, recursive: true);
        }
    }
}

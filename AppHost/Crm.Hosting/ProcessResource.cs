using System.Collections.Concurrent;
using Crm.Hosting.Processes;

namespace Crm.Hosting;

/// <summary>A resource backed by processes we start; it can also be killed to simulate a crash.</summary>
public abstract class ProcessResource : Resource
{
    /// <summary>Set in every child's environment, so processes left by a killed AppHost can be found again.</summary>
    internal const string OwnerVariable = "CRM_HOSTING_OWNER";

    private static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(10);

    // Read by exit callbacks on other threads.
    private readonly ConcurrentDictionary<ChildProcess, bool> children = new();

    private protected ProcessResource(string name, HostingContext context)
        : base(name, context)
    {
    }

    internal string OwnerValue => $"{Context.StateDirectory}|{Name}";

    /// <summary>The signal that asks this kind of process to shut down cleanly.</summary>
    private protected virtual UnixSignal GracefulSignal => UnixSignal.Terminate;

    /// <summary>SIGKILLs the resource's processes, like a crash would; <see cref="Resource.StartAsync"/> brings it back.</summary>
    public Task KillAsync() => ExclusiveAsync(async () =>
    {
        State = ResourceState.Stopping;
        foreach (var child in children.Keys)
        {
            await child.KillAsync();
        }

        children.Clear();
        await ChildProcess.KillSurvivorsAsync(ProcessTable.WithEnvironmentVariable(OwnerVariable, OwnerValue));
        State = ResourceState.Stopped;
    });

    /// <summary>Stops whatever an earlier, killed AppHost left running for this resource.</summary>
    internal async Task StopStaleProcessesAsync()
    {
        var stale = ProcessTable.WithEnvironmentVariable(OwnerVariable, OwnerValue);
        if (stale.Count == 0)
        {
            return;
        }

        Log($"stopping {stale.Count} process(es) left running by an earlier AppHost");
        foreach (var pid in stale)
        {
            NativeMethods.Send(pid, GracefulSignal);
        }

        for (var waited = TimeSpan.Zero; waited < StaleGrace && stale.Any(ProcessTable.IsAlive); waited += TimeSpan.FromMilliseconds(100))
        {
            await Task.Delay(100);
        }

        await ChildProcess.KillSurvivorsAsync(stale);
    }

    private protected ChildProcess Spawn(ProcessSpec spec, string? logName = null)
    {
        var environment = new Dictionary<string, string?>(spec.Environment) { [OwnerVariable] = OwnerValue };
        var name = logName ?? Name;
        var child = ChildProcess.Start(spec with { Environment = environment }, line => Context.Log(name, line));
        children[child] = true;
        _ = child.Exited.ContinueWith(exit => OnExited(child, exit.Result), TaskScheduler.Default);
        return child;
    }

    private protected async Task StopChildAsync(ChildProcess child, UnixSignal signal, TimeSpan grace)
    {
        await child.StopAsync(signal, grace);
        children.TryRemove(child, out _);
    }

    /// <summary>Runs a short-lived helper (initdb, migrations) to completion and returns its exit code.</summary>
    private protected async Task<(int ExitCode, string Output)> RunToCompletionAsync(ProcessSpec spec, string logName, CancellationToken cancellationToken)
    {
        var child = Spawn(spec, logName);
        try
        {
            var exitCode = await child.WaitForExitAndOutputAsync(cancellationToken);
            return (exitCode, child.RecentOutput);
        }
        finally
        {
            if (!child.HasExited)
            {
                await child.KillAsync();
            }

            children.TryRemove(child, out _);
        }
    }

    private void OnExited(ChildProcess child, int exitCode)
    {
        if (State == ResourceState.Running && children.ContainsKey(child))
        {
            State = ResourceState.Exited;
            Log($"exited unexpectedly with code {exitCode}");
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crm.Hosting.Tests.Infrastructure;

/// <summary>An AppHost run as a real process, the way a developer runs the CRM.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(120);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly TaskCompletionSource<string> up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, LogBuffer log)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, log);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }

            OnLine(e.Data, log);
        };
    }

    public int Id => process.Id;

    public IReadOnlyList<string> Output => [.. output];

    public IReadOnlyList<string> Errors => [.. errors];

    /// <summary>The CRM's own AppHost, with the real services.</summary>
    public static AppHostProcess StartCrm(string stateDirectory, int gatewayPort, LogBuffer log) =>
        Start(Path.Combine(RepositoryRoot(), "AppHost", "Crm.AppHost", "bin", Configuration, "net10.0", "Crm.AppHost.dll"), stateDirectory, gatewayPort, log, []);

    /// <summary>The same shape with one tiny sample service: quicker, for the tests of failure paths.</summary>
    public static AppHostProcess StartSample(string stateDirectory, int gatewayPort, LogBuffer log, params string[] extraArguments) =>
        Start(
            Path.Combine(RepositoryRoot(), "tests", "Crm.Hosting.Tests", "SampleAppHost", "bin", Configuration, "net10.0", "Crm.Hosting.SampleAppHost.dll"),
            stateDirectory,
            gatewayPort,
            log,
            extraArguments);

    private static AppHostProcess Start(string assemblyPath, string stateDirectory, int gatewayPort, LogBuffer log, string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assemblyPath, $"--AppHost:StateDirectory={stateDirectory}", $"--AppHost:GatewayPort={gatewayPort}" }.Concat(extraArguments))
        {
            info.ArgumentList.Add(argument);
        }

        var appHost = new AppHostProcess(new Process { StartInfo = info }, log);
        appHost.process.Start();
        appHost.process.BeginOutputReadLine();
        appHost.process.BeginErrorReadLine();
        return appHost;
    }

    /// <summary>Waits for the "CRM is up" line and returns it.</summary>
    public async Task<string> WaitUntilUpAsync(CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(up.Task, exited, Task.Delay(UpTimeout, cancellationToken));
        return first == up.Task
            ? await up.Task
            : throw new TimeoutException($"The AppHost did not come up (exited: {process.HasExited}).");
    }

    public void Terminate() => Process.Start("kill", ["-TERM", Id.ToString()])!.WaitForExit();

    public void KillAppHostOnly() => process.Kill(entireProcessTree: false);

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Terminate();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private void OnLine(string? line, LogBuffer log)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        log.Write("apphost-process", line);
        if (line.StartsWith("CRM is up", StringComparison.Ordinal))
        {
            up.TrySetResult(line);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crm.Hosting.Processes;

/// <summary>A process we own: its output goes to the log, and stopping it leaves none of its descendants behind.</summary>
internal sealed class ChildProcess
{
    private const int RecentLineCount = 40;

    // A grandchild that inherited the pipes can keep them open after the child has exited.
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(2);

    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> recent = new();
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, Action<string> log)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, log, outputClosed);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, log, errorClosed);
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
    }

    public int Id => process.Id;

    public Task<int> Exited => exited.Task;

    public bool HasExited => exited.Task.IsCompleted;

    public string RecentOutput => string.Join(Environment.NewLine, recent);

    public static ChildProcess Start(ProcessSpec spec, Action<string> log)
    {
        var info = new ProcessStartInfo
        {
            // setsid (and setpriv) exec in place, so the PID we get is the server's own. A session of its own keeps
            // the terminal's Ctrl+C away from the children: we stop them ourselves, in dependency order.
            FileName = "setsid",
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var argument in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public void Signal(UnixSignal signal)
    {
        if (!HasExited)
        {
            NativeMethods.Send(Id, signal);
        }
    }

    /// <summary>Asks politely, then kills the whole tree once <paramref name="grace"/> has passed.</summary>
    public async Task StopAsync(UnixSignal signal, TimeSpan grace)
    {
        var tree = ProcessTable.Descendants(Id);
        Signal(signal);
        if (!await WaitForExitAsync(grace))
        {
            Signal(UnixSignal.Kill);
        }

        await Exited;
        await KillSurvivorsAsync(tree);
    }

    public async Task KillAsync()
    {
        var tree = ProcessTable.Descendants(Id);
        Signal(UnixSignal.Kill);
        await KillSurvivorsAsync(tree);
        await Exited;
    }

    /// <summary>Waits for the exit and for the last lines printed before it, so error reports are complete.</summary>
    public async Task<int> WaitForExitAndOutputAsync(CancellationToken cancellationToken)
    {
        var exitCode = await Exited.WaitAsync(cancellationToken);
        await Task.WhenAny(Task.WhenAll(outputClosed.Task, errorClosed.Task), Task.Delay(OutputDrainLimit, cancellationToken));
        return exitCode;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(Exited, Task.Delay(timeout));
        return finished == Exited;
    }

    /// <summary>Kills the given processes and waits until they are gone (or were reaped).</summary>
    public static async Task KillSurvivorsAsync(IEnumerable<int> pids)
    {
        var survivors = pids.Where(ProcessTable.IsAlive).ToList();
        foreach (var pid in survivors)
        {
            NativeMethods.Send(pid, UnixSignal.Kill);
        }

        for (var attempt = 0; attempt < 100 && survivors.Any(ProcessTable.IsAlive); attempt++)
        {
            await Task.Delay(50);
        }
    }

    private void OnLine(string? line, Action<string> log, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        recent.Enqueue(line);
        while (recent.Count > RecentLineCount)
        {
            recent.TryDequeue(out _);
        }

        log(line);
    }
}

using Crm.Hosting.Processes;

namespace Crm.Hosting.Orchestration;

/// <summary>
/// Marks a state folder as used by this process. A mark left by a live AppHost means "hands off"; one left by a
/// killed AppHost means its orphaned servers may be stopped.
/// </summary>
internal sealed class StateDirectoryLock(string stateDirectory)
{
    private string FilePath => Path.Combine(stateDirectory, "apphost.pid");

    public void ThrowIfHeldByAnotherProcess()
    {
        if (Holder() is { } holder && holder != Environment.ProcessId)
        {
            throw new StateDirectoryInUseException(stateDirectory, holder);
        }
    }

    public void Take()
    {
        Directory.CreateDirectory(stateDirectory);
        File.WriteAllText(FilePath, $"{Environment.ProcessId} {ProcessTable.StartTime(Environment.ProcessId)}");
    }

    public void Release()
    {
        if (Holder() == Environment.ProcessId)
        {
            File.Delete(FilePath);
        }
    }

    /// <summary>The live process holding the folder; the start time guards against a recycled PID.</summary>
    private int? Holder()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        var fields = File.ReadAllText(FilePath).Split(' ');
        return fields.Length == 2 && int.TryParse(fields[0], out var pid) && long.TryParse(fields[1], out var startTime)
            && ProcessTable.IsAlive(pid) && ProcessTable.StartTime(pid) == startTime
                ? pid
                : null;
    }
}

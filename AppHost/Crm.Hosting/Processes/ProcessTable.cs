namespace Crm.Hosting.Processes;

/// <summary>Reads /proc, because children of our children (beam, epmd, backends) are invisible to System.Diagnostics.</summary>
internal static class ProcessTable
{
    public static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                yield return pid;
            }
        }
    }

    public static bool IsAlive(int pid) => ReadStat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    public static long? StartTime(int pid) => ReadStat(pid)?.StartTime;

    public static string CommandLine(int pid) => ReadText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>Children first appear after their parent, so one pass over a snapshot finds the whole tree.</summary>
    public static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var candidate in AllPids())
        {
            if (ReadStat(candidate) is { } stat)
            {
                parents[candidate] = stat.ParentPid;
            }
        }

        var tree = new HashSet<int> { pid };
        bool grew;
        do
        {
            grew = false;
            foreach (var (child, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(child))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        tree.Remove(pid);
        return [.. tree];
    }

    /// <summary>Processes whose environment holds the exact variable, excluding this process.</summary>
    public static List<int> WithEnvironmentVariable(string name, string value)
    {
        var needle = $"{name}={value}\0";
        var found = new List<int>();
        foreach (var pid in AllPids())
        {
            if (pid != Environment.ProcessId && IsAlive(pid) && ("\0" + ReadText($"/proc/{pid}/environ")).Contains("\0" + needle, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static ProcStat? ReadStat(int pid)
    {
        var text = ReadText($"/proc/{pid}/stat");

        // The command name in parentheses may contain spaces, so fields are counted after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        return fields.Length > 19 ? new ProcStat(fields[0][0], int.Parse(fields[1]), long.Parse(fields[19])) : null;
    }

    private sealed record ProcStat(char State, int ParentPid, long StartTime);
}

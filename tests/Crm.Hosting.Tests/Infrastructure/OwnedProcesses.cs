namespace Crm.Hosting.Tests.Infrastructure;

/// <summary>Finds, independently of the library's own bookkeeping, every process that belongs to a state folder.</summary>
public static class OwnedProcesses
{
    public static List<string> Of(string stateDirectory)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var commandLine = Read($"{dir}/cmdline").Replace('\0', ' ');
            var environment = Read($"{dir}/environ");
            if (IsZombie(dir))
            {
                continue;
            }

            if (commandLine.Contains(stateDirectory, StringComparison.Ordinal)
                || environment.Contains($"CRM_HOSTING_OWNER={stateDirectory}|", StringComparison.Ordinal))
            {
                found.Add($"{pid}: {commandLine}");
            }
        }

        return found;
    }

    private static bool IsZombie(string dir)
    {
        var stat = Read($"{dir}/stat");
        var close = stat.LastIndexOf(')');
        return close < 0 || stat.Length < close + 3 || stat[close + 2] is 'Z' or 'X';
    }

    private static string Read(string path)
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
}

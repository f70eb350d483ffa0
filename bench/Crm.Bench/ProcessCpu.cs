using System.Globalization;

namespace Crm.Bench;

/// <summary>
/// CPU time of this process and the servers it started (PostgreSQL, the mail catcher), from /proc, by program name. On
/// a shared machine wall-clock rates move with the others' load; CPU per mail tells which part costs what.
/// </summary>
internal sealed class ProcessCpu
{
    private const double TicksPerSecond = 100;

    private readonly Dictionary<string, long> ticksByProgram;

    private ProcessCpu(Dictionary<string, long> ticksByProgram) => this.ticksByProgram = ticksByProgram;

    /// <summary>CPU ticks so far of this process and its descendants, summed per program (ended processes are not counted).</summary>
    public static ProcessCpu Snapshot()
    {
        var processes = new List<(int Pid, int Parent, string Program, long Ticks)>();
        foreach (var directory in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var (open, close) = (stat.IndexOf('('), stat.LastIndexOf(')'));
                // After the name: state, ppid, ... utime is field 14 and stime field 15 of the whole line.
                var fields = stat[(close + 2)..].Split(' ');
                processes.Add((pid, int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close],
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        var mine = new HashSet<int> { Environment.ProcessId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in processes.Where(p => !mine.Contains(p.Pid) && mine.Contains(p.Parent)))
            {
                grew |= mine.Add(process.Pid);
            }
        }

        return new ProcessCpu(processes.Where(p => mine.Contains(p.Pid))
            .GroupBy(p => p.Pid == Environment.ProcessId ? "bench (sender)" : p.Program)
            .ToDictionary(group => group.Key, group => group.Sum(p => p.Ticks)));
    }

    /// <summary>CPU seconds used since <paramref name="start"/> per program, and per unit of work (a mail, a row).</summary>
    public static string Since(ProcessCpu start, int units, string unit = "mail")
    {
        var now = Snapshot();
        var used = now.ticksByProgram
            .Select(program => (program.Key, Seconds: (program.Value - start.ticksByProgram.GetValueOrDefault(program.Key)) / TicksPerSecond))
            .Where(program => program.Seconds > 0)
            .OrderByDescending(program => program.Seconds)
            .ToList();
        return string.Join(", ", used.Select(program => string.Create(CultureInfo.InvariantCulture,
            $"{program.Key} {program.Seconds:F1} s ({program.Seconds * 1000 / Math.Max(1, units):F2} ms/{unit})")))
            + string.Create(CultureInfo.InvariantCulture, $"; total {used.Sum(p => p.Seconds):F1} s");
    }
}

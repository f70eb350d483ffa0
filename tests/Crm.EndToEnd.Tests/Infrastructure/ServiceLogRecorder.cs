using System.Globalization;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Keeps what the system's processes print, so that a test that fails once in a while explains itself: every line goes
/// to a file beside the test assembly, and the latest warnings and errors stay in memory for <see cref="Eventually"/>'s
/// timeout message, which is all a CI run shows.
/// </summary>
public sealed class ServiceLogRecorder : IDisposable
{
    private const int KeptLines = 60;

    /// <summary>A warning's header line and the first line of its message; the stack trace below is left to the file.</summary>
    private const int LinesPerEntry = 2;

    private static readonly string[] ProblemLevels = ["warn: ", "fail: ", "crit: "];

    private readonly Lock gate = new();
    private readonly StreamWriter file;
    private readonly Queue<string> recentProblems = new();
    private readonly Dictionary<string, int> entryLinesLeft = [];

    public ServiceLogRecorder(string path)
    {
        Path = path;
        file = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string resource, string line)
    {
        var stamped = $"{DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} [{resource}] {line}";
        lock (gate)
        {
            file.WriteLine(stamped);
            if (ProblemLevels.Any(level => line.StartsWith(level, StringComparison.Ordinal)))
            {
                entryLinesLeft[resource] = LinesPerEntry;
            }
            else if (!line.StartsWith(' '))
            {
                entryLinesLeft[resource] = 0;   // an entry of another level begins
            }

            if (entryLinesLeft.GetValueOrDefault(resource) > 0)
            {
                entryLinesLeft[resource]--;
                recentProblems.Enqueue(stamped);
                if (recentProblems.Count > KeptLines)
                {
                    recentProblems.Dequeue();
                }
            }
        }
    }

    /// <summary>Every line printed so far that <paramref name="resource"/> printed and that contains <paramref name="text"/>.</summary>
    public List<string> LinesOf(string resource, string text)
    {
        lock (gate)
        {
            using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var prefix = $"[{resource}] ";
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains(prefix, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }

            return lines;
        }
    }

    /// <summary>The latest warnings and errors of all processes, oldest first, and where the whole output is.</summary>
    public string Describe()
    {
        lock (gate)
        {
            var problems = recentProblems.Count == 0 ? "(none)" : string.Join(Environment.NewLine, recentProblems);
            return $"Latest warnings and errors of the system's processes (all output: {Path}):{Environment.NewLine}{problems}";
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file.Dispose();
        }
    }
}

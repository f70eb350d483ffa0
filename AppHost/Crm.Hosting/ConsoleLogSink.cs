namespace Crm.Hosting;

/// <summary>Writes <c>[name] line</c> with a colour that stays the same for a resource across runs.</summary>
public static class ConsoleLogSink
{
    private static readonly ConsoleColor[] Palette =
    [
        ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta,
        ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkYellow,
        ConsoleColor.DarkMagenta, ConsoleColor.Red,
    ];

    private static readonly Lock Gate = new();

    public static void Write(string resource, string line)
    {
        lock (Gate)
        {
            Console.ForegroundColor = ColourOf(resource);
            Console.Write($"[{resource}] ");
            Console.ResetColor();
            Console.WriteLine(line);
        }
    }

    // string.GetHashCode is randomised per process, so colours would change between runs.
    private static ConsoleColor ColourOf(string resource)
    {
        var hash = 0;
        foreach (var c in resource)
        {
            hash = unchecked((hash * 31) + c);
        }

        return Palette[(hash & int.MaxValue) % Palette.Length];
    }
}

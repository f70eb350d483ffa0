using System.Collections.Concurrent;

namespace Crm.Hosting.Tests.Infrastructure;

/// <summary>The log sink for tests: keeps every line for assertions and copies it to the test's output.</summary>
public sealed class LogBuffer
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ITestOutputHelper? output = TestContext.Current.TestOutputHelper;

    public IReadOnlyList<string> Lines => [.. lines];

    public void Write(string resource, string line)
    {
        var text = $"[{resource}] {line}";
        lines.Enqueue(text);
        try
        {
            output?.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // Servers still print while the test is being torn down, when xunit no longer takes output.
        }
    }

    /// <summary>Position of the first matching line, or -1; lets tests assert what happened before what.</summary>
    public int IndexOf(Func<string, bool> predicate)
    {
        var snapshot = Lines;
        for (var index = 0; index < snapshot.Count; index++)
        {
            if (predicate(snapshot[index]))
            {
                return index;
            }
        }

        return -1;
    }
}

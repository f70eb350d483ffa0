using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>Keeps what the gateway logs at Information and above, for tests that check what operators would see.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> entries = new();

    public IReadOnlyCollection<LoggedEntry> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }
}

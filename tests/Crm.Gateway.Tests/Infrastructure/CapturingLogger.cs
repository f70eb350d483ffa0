using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests.Infrastructure;

public sealed class CapturingLogger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            entries.Enqueue(new LoggedEntry(logLevel, category, formatter(state, exception)));
        }
    }
}

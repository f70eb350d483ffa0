using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Puts a test host's log lines into that test's output, where a failure report shows them.</summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

    public void Dispose()
    {
    }
}

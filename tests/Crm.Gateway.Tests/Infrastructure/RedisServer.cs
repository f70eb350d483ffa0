using Crm.Gateway.Tests.Infrastructure;
using Crm.Hosting;

[assembly: AssemblyFixture(typeof(RedisServer))]

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>
/// One real Redis for the whole run, started by the project's hosting library in a private folder deleted afterwards.
/// Every gateway under test gets its own key prefix, so tests share the server but not their counters.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Resource = "cache";

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"crm-gateway-tests-{Guid.NewGuid():N}");
    private DistributedApplication? app;

    public string ConnectionString => (app ?? throw new InvalidOperationException("Redis has not started.")).GetConnectionString(Resource);

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            ForTests = true,
            LogSink = (resource, line) => TestContext.Current.SendDiagnosticMessage($"[{resource}] {line}"),
        });
        builder.AddRedis(Resource);
        app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}

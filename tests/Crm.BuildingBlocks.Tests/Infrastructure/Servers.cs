using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.Hosting;
using Npgsql;

[assembly: AssemblyFixture(typeof(Servers))]

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL and one real RabbitMQ for the whole test run, started by the project's hosting library in a
/// private folder that is deleted afterwards. Tests isolate themselves with a database and a queue prefix each.
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    private const string DatabaseResource = "testdb";
    private const string MessagingResource = "messaging";
    private const string MailResource = "mail";

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"crm-buildingblocks-tests-{Guid.NewGuid():N}");
    private DistributedApplication? app;
    private ActivityListener? listener;

    /// <summary>Every span that ended during the run, for tests that check how spans are linked.</summary>
    public ConcurrentQueue<Activity> StoppedActivities { get; } = new();

    public string MessagingConnectionString => App.GetConnectionString(MessagingResource);

    public RabbitMQServerResource RabbitMQ => App.GetResource<RabbitMQServerResource>(MessagingResource);

    public MailCatcherResource MailCatcher => App.GetResource<MailCatcherResource>(MailResource);

    public string MailConnectionString => App.GetConnectionString(MailResource);

    private DistributedApplication App => app ?? throw new InvalidOperationException("The servers have not started.");

    public async ValueTask InitializeAsync()
    {
        // What ServiceDefaults' OpenTelemetry setup does in a service: without a listener no span is created at all.
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Crm.Outbox" or "MassTransit" or TestTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = StoppedActivities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            ForTests = true,
            LogSink = (resource, line) => TestContext.Current.SendDiagnosticMessage($"[{resource}] {line}"),
        });
        builder.AddPostgres("postgres").AddDatabase(DatabaseResource);
        builder.AddRabbitMQ(MessagingResource);
        builder.AddMailCatcher(MailResource);
        app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        listener?.Dispose();
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    /// <summary>A fresh, empty database; dropping it is the returned object's job.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = $"bb_{Guid.NewGuid():N}";
        var admin = App.GetConnectionString(DatabaseResource);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(name, connectionString, admin);
    }
}

using Crm.AppHost;
using Crm.Hosting;
using Npgsql;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole CRM as the AppHost runs it — real PostgreSQL, RabbitMQ and Redis, the four services and the gateway
/// as processes — started once for the test assembly with its own private data folder.
/// </summary>
public sealed class CrmSystemFixture : IAsyncLifetime
{
    public static readonly string[] ReplicaServices = ["sales", "marketing", "support"];

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"crm-e2e-{Guid.NewGuid():N}");
    private DistributedApplication? app;

    public OtlpReceiver Telemetry { get; private set; } = null!;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The system is not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Telemetry = await OtlpReceiver.StartAsync();
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            // A developer's AppHost holding the default gateway port is fine: the gateway then takes a free port.
            ForTests = true,
        });
        CrmTopology.Define(builder, project => project
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            // Export within a quarter second so tests need not wait long for spans.
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "250")
            .WithEnvironment("OTEL_TRACES_SAMPLER", "always_on"));
        app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await app.StartAsync(timeout.Token);
        Gateway = new HttpClient { BaseAddress = app.GetEndpoint("gateway"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient ServiceClient(string name) => new() { BaseAddress = App.GetEndpoint(name), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        // Unpooled: a test that cuts a database off terminates its sessions, and a pooled one would be handed back dead.
        var connectionString = new NpgsqlConnectionStringBuilder(App.GetConnectionString(database)) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}

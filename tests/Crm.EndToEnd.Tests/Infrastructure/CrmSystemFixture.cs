using System.Net;
using System.Net.Http.Json;
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

    /// <summary>Requests per user per minute at the gateway: above what polling tests send, low enough to exceed on purpose.</summary>
    public const int PerUserRateLimit = 3000;

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"crm-e2e-{Guid.NewGuid():N}");
    private readonly string adminPassword = $"admin-{Guid.NewGuid():N}";
    private DistributedApplication? app;
    private BearerTokenHandler? administrator;

    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>What the system's processes have printed.</summary>
    public ServiceLogRecorder Output { get; } = new(Path.Combine(AppContext.BaseDirectory, "system-output.log"));

    public DistributedApplication App => app ?? throw new InvalidOperationException("The system is not started.");

    /// <summary>The gateway, called as the first administrator (who may call everything).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway, called without a token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public OidcSignIn SignIn { get; private set; } = null!;

    /// <summary>Mail the services sent, as the AppHost's SMTP catcher received it.</summary>
    public CaughtMail Mail { get; private set; } = null!;

    /// <summary>The issuer every token carries: the gateway's address.</summary>
    public string Issuer => App.GetEndpoint("gateway").ToString();

    public async ValueTask InitializeAsync()
    {
        Eventually.DescribeSystem = Output.Describe;
        Telemetry = await OtlpReceiver.StartAsync();
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            ForTests = true,
            LogSink = Output.Write,
            Configuration =
            {
                [$"Parameters:{CrmTopology.AdminPasswordParameter}"] = adminPassword,
                // Any free port: a developer's AppHost or a second test run on the same machine may hold the default one.
                ["AppHost:GatewayPort"] = "0",
            },
        });
        CrmTopology.Define(builder, project => project
            .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
            .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            // Export within a quarter second so tests need not wait long for spans.
            .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "250")
            .WithEnvironment("OTEL_TRACES_SAMPLER", "always_on")
            // A campaign recipient left mid-send by a killed marketing service is settled within seconds, not minutes.
            .WithEnvironment("Marketing__ClaimTimeout", "00:00:10")
            // Every test runs from 127.0.0.1 and signs users in; only the per-user limit is left low enough to test.
            .WithEnvironment("Gateway__RateLimits__PerIp__PermitLimit", "1000000")
            .WithEnvironment("Gateway__RateLimits__SignIn__PermitLimit", "1000000")
            .WithEnvironment("Gateway__RateLimits__PerUser__PermitLimit", PerUserRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // A killed customer service's import is taken over after 5 s instead of a minute.
            .WithEnvironment("Customers__Imports__Lease", "00:00:05")
            // SLA and journey tests move the service's clock instead of waiting for deadlines; never set in a deployment.
            .WithEnvironment("Testing__ClockControl", project.Resource.Name is "support" or "marketing" ? "true" : "false"));
        app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await app.StartAsync(timeout.Token);
        SignIn = new OidcSignIn(app.GetEndpoint("gateway"));
        Mail = new CaughtMail(app.GetResource<MailCatcherResource>("mail"));
        administrator = new BearerTokenHandler(SignIn, await SignIn.SignInAsync(CrmTopology.AdminEmail, adminPassword));
        Gateway = ClientOf(administrator, app.GetEndpoint("gateway"));
        Anonymous = new HttpClient { BaseAddress = app.GetEndpoint("gateway"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A service called directly (not through the gateway), as the administrator.</summary>
    public HttpClient ServiceClient(string name) => ClientOf(administrator!, App.GetEndpoint(name));

    /// <summary>Creates a user through the identity service's API, with a fresh e-mail and password.</summary>
    public async Task<TestUser> CreateUserAsync(string[] roles, Guid? teamId = null)
    {
        var email = $"user-{Guid.NewGuid():N}@crm.test";
        var password = $"pw-{Guid.NewGuid():N}";
        using var response = await Gateway.PostAsJsonAsync("/api/identity/users",
            new { email, displayName = $"User {email[..13]}", password, roles, teamId }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var created = (await response.Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!;
        return new TestUser(created.Id, email, password, roles, teamId);
    }

    /// <summary>Creates a team through the identity service's API, as the administrator.</summary>
    public async Task<Guid> CreateTeamAsync()
    {
        using var response = await Gateway.PostAsJsonAsync("/api/identity/teams", new { name = $"Team {Guid.NewGuid():N}" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<Created>(TestContext.Current.CancellationToken))!.Id;
    }

    /// <summary>Signs <paramref name="user"/> in through the gateway; the client then calls the gateway with their token.</summary>
    public async Task<HttpClient> SignedInAsync(TestUser user) =>
        ClientOf(new BearerTokenHandler(SignIn, await SignIn.SignInAsync(user.Email, user.Password)), App.GetEndpoint("gateway"), ownsHandler: true);

    public Task<ForgedTokens> ForgedTokensAsync() => ForgedTokens.LoadAsync(App.GetConnectionString("identitydb"), Issuer);

    private static HttpClient ClientOf(BearerTokenHandler handler, Uri baseAddress, bool ownsHandler = false) =>
        // One handler per signed-in user: refresh tokens rotate, and two handlers redeeming the same one would revoke both.
        new(handler, disposeHandler: ownsHandler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

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

    private sealed record Created(Guid Id);

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        Anonymous?.Dispose();
        administrator?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        Eventually.DescribeSystem = null;
        Output.Dispose();
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}

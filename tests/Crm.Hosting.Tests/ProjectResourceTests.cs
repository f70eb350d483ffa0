using System.Net.Http.Json;
using Crm.Hosting.Tests.Infrastructure;

namespace Crm.Hosting.Tests;

public sealed class ProjectResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Project_gets_the_Aspire_keys_and_starts_after_migrations_and_what_it_waits_for()
    {
        var ct = TestContext.Current.CancellationToken;
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");
        var builder = TestApplication.CreateBuilder(state, log, options => options.EnvironmentName = "Testing");
        var database = builder.AddPostgres("postgres").AddDatabase("customersdb");
        var cache = builder.AddRedis("cache");
        var customers = builder.AddProject("customers", SampleProject.Path)
            .WithReference(database).WithReference(cache)
            .WithMigrations()
            .WaitFor(database).WaitFor(cache);
        builder.AddProject("gateway", SampleProject.Path)
            .WithReference(customers).WaitFor(customers)
            .WithEnvironment("Some__Key", "value");
        await using var app = builder.Build();

        await app.StartAsync(ct);

        using var http = new HttpClient { BaseAddress = app.GetEndpoint("gateway") };
        var gatewayEnvironment = await http.GetFromJsonAsync<Dictionary<string, string?>>("/env", ct);
        gatewayEnvironment.ShouldNotBeNull();
        gatewayEnvironment["services__customers__http__0"].ShouldBe(app.GetEndpoint("customers").ToString().TrimEnd('/'));
        gatewayEnvironment["Some__Key"].ShouldBe("value");
        gatewayEnvironment["ASPNETCORE_URLS"].ShouldBe(app.GetEndpoint("gateway").ToString().TrimEnd('/'));
        gatewayEnvironment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Testing");
        gatewayEnvironment["OTEL_SERVICE_NAME"].ShouldBe("gateway");
        gatewayEnvironment["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBe("http://127.0.0.1:4317");

        using var customersHttp = new HttpClient { BaseAddress = app.GetEndpoint("customers") };
        var customersEnvironment = await customersHttp.GetFromJsonAsync<Dictionary<string, string?>>("/env", ct);
        customersEnvironment.ShouldNotBeNull();
        customersEnvironment["ConnectionStrings__customersdb"].ShouldBe(app.GetConnectionString("customersdb"));
        customersEnvironment["ConnectionStrings__cache"].ShouldBe(app.GetConnectionString("cache"));

        var migrated = log.IndexOf(line => line == "[customers-migrate] migrated");
        var customersReady = log.IndexOf(line => line.StartsWith("[customers] ready at", StringComparison.Ordinal));
        var gatewayFirstLine = log.IndexOf(line => line.StartsWith("[gateway]", StringComparison.Ordinal));
        var databaseCreated = log.IndexOf(line => line == "[postgres] created database customersdb");
        databaseCreated.ShouldBeGreaterThanOrEqualTo(0);
        migrated.ShouldBeGreaterThan(databaseCreated);
        customersReady.ShouldBeGreaterThan(migrated);
        gatewayFirstLine.ShouldBeGreaterThan(customersReady);
    }

    [Fact]
    public async Task Killed_project_comes_back_on_the_same_port()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddProject("customers", SampleProject.Path);
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var customers = app.GetResource<ProjectResource>("customers");
        var endpoint = app.GetEndpoint("customers");

        await customers.KillAsync();

        customers.State.ShouldBe(ResourceState.Stopped);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
        await customers.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = endpoint };
        (await http.GetStringAsync("/health/ready", ct)).ShouldBe("ready");

        await app.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    [Fact]
    public async Task Failing_migration_stops_the_start_with_its_output()
    {
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddProject("customers", SampleProject.Path).WithMigrations().WithEnvironment("Sample__MigrateExitCode", "3");
        await using var app = builder.Build();

        var failure = await Should.ThrowAsync<ResourceStartupException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        failure.ResourceName.ShouldBe("customers");
        failure.Message.ShouldContain("exited with code 3");
        failure.Message.ShouldContain("migration failed on purpose");
        app.GetResource<ProjectResource>("customers").State.ShouldBe(ResourceState.Failed);
    }

    [Fact]
    public async Task Project_that_exits_before_it_is_ready_fails_the_start_with_its_last_lines()
    {
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddProject("customers", SampleProject.Path).WithEnvironment("Sample__CrashOnStart", "4");
        await using var app = builder.Build();

        var failure = await Should.ThrowAsync<ResourceStartupException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        failure.Message.ShouldStartWith("Resource 'customers' failed to start: the process exited with code 4 before it was ready.");
        failure.Message.ShouldContain("crashing on purpose");
    }

    public void Dispose() => state.Dispose();
}

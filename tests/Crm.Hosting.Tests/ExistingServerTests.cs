using Crm.Hosting.Tests.Infrastructure;
using Npgsql;

namespace Crm.Hosting.Tests;

public sealed class ExistingServerTests : IDisposable
{
    private readonly TestStateDirectory serverState = new();
    private readonly TestStateDirectory clientState = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Configured_connection_string_is_used_instead_of_starting_postgres()
    {
        var ct = TestContext.Current.CancellationToken;
        var serverBuilder = TestApplication.CreateBuilder(serverState, log);
        serverBuilder.AddPostgres("postgres");
        await using var server = serverBuilder.Build();
        await server.StartAsync(ct);
        var existing = server.GetConnectionString("postgres");

        var clientBuilder = TestApplication.CreateBuilder(
            clientState, log, options => options.Configuration["ConnectionStrings:postgres"] = existing);
        clientBuilder.AddPostgres("postgres").AddDatabase("salesdb");
        await using var client = clientBuilder.Build();
        await client.StartAsync(ct);

        client.GetResource<PostgresServerResource>("postgres").UsesExistingServer.ShouldBeTrue();
        client.GetConnectionString("postgres").ShouldBe(existing);
        OwnedProcesses.Of(clientState.FullPath).ShouldBeEmpty();
        Directory.Exists(Path.Combine(clientState.FullPath, "postgres")).ShouldBeFalse();
        await using var connection = new NpgsqlConnection(client.GetConnectionString("salesdb"));
        await connection.OpenAsync(ct);
        connection.Port.ShouldBe(new NpgsqlConnectionStringBuilder(existing).Port);
        connection.Database.ShouldBe("salesdb");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        serverState.Dispose();
        clientState.Dispose();
    }
}

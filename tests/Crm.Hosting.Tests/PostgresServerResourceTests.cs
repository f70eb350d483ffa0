using Crm.Hosting.Tests.Infrastructure;
using Npgsql;

namespace Crm.Hosting.Tests;

public sealed class PostgresServerResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Postgres_creates_the_database_answers_queries_and_leaves_no_process_when_stopped()
    {
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddPostgres("postgres").AddDatabase("customersdb");
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);

        var connectionString = app.GetConnectionString("customersdb");
        connectionString.ShouldContain("Database=customersdb");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT current_database()", connection);
            (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe("customersdb");
        }

        NpgsqlConnection.ClearAllPools();
        await app.StopAsync(TestContext.Current.CancellationToken);

        app.GetResource<PostgresServerResource>("postgres").State.ShouldBe(ResourceState.Stopped);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    [Fact]
    public async Task Postgres_restarts_on_the_same_port_with_its_data()
    {
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddPostgres("postgres").AddDatabase("salesdb");
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(app.GetConnectionString("salesdb")) { Pooling = false }.ConnectionString;
        await ExecuteAsync(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42);");
        var postgres = app.GetResource<PostgresServerResource>("postgres");
        var before = app.GetConnectionString("salesdb");

        await postgres.StopAsync(TestContext.Current.CancellationToken);
        await postgres.StartAsync(TestContext.Current.CancellationToken);

        app.GetConnectionString("salesdb").ShouldBe(before);
        (await ExecuteAsync(connectionString, "SELECT id FROM kept")).ShouldBe(42);
    }

    public void Dispose() => state.Dispose();

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}

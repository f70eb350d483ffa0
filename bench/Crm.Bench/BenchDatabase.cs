using Crm.BuildingBlocks.Persistence;
using Crm.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Bench;

/// <summary>
/// One service's database for one benchmark run: a private PostgreSQL started through Crm.Hosting, the service's
/// migrations applied, and a host holding the service's DbContext (plus whatever the benchmark registers). Disposing
/// stops the server and removes its data.
/// </summary>
internal sealed class BenchDatabase<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private readonly DistributedApplication servers;
    private readonly string stateDirectory;

    private BenchDatabase(DistributedApplication servers, string stateDirectory, string connectionString, IHost host)
    {
        (this.servers, this.stateDirectory, ConnectionString, Host) = (servers, stateDirectory, connectionString, host);
    }

    public string ConnectionString { get; }

    public IHost Host { get; }

    /// <param name="database">The service's database name, e.g. <c>customersdb</c>.</param>
    /// <param name="configure">Registers the service pieces the benchmark calls.</param>
    public static async Task<BenchDatabase<TContext>> StartAsync(string database, Action<HostApplicationBuilder>? configure = null)
    {
        var state = Path.Combine(Path.GetTempPath(), $"crm-bench-{Guid.NewGuid():N}");
        var hosting = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { StateDirectory = state, ForTests = true });
        hosting.AddPostgres("postgres").AddDatabase(database);
        var servers = hosting.Build();
        await servers.StartAsync();
        var connectionString = servers.GetConnectionString(database);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{database}"] = connectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDbContext<TContext>(database);
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        var bench = new BenchDatabase<TContext>(servers, state, connectionString, builder.Build());
        await bench.WithDbAsync(db => db.Database.MigrateAsync());
        return bench;
    }

    public Task WithDbAsync(Func<TContext, Task> work) => Host.InScopeAsync(work);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await servers.DisposeAsync();
        Directory.Delete(stateDirectory, recursive: true);
    }
}

/// <summary>Runs benchmark work with a service from a fresh scope, as one request or one consumed message would.</summary>
internal static class HostScopes
{
    public static async Task<T> InScopeAsync<TService, T>(this IHost host, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task InScopeAsync<TService>(this IHost host, Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

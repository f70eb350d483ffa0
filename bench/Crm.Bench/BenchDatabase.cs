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
/// stops the server and removes its data, unless it was started to be kept (<see cref="StartAsync"/>'s keepIn).
/// </summary>
internal sealed class BenchDatabase<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private readonly DistributedApplication servers;
    private readonly string stateDirectory;
    private readonly bool kept;

    private BenchDatabase(DistributedApplication servers, string stateDirectory, bool kept, string connectionString, IHost host)
    {
        (this.servers, this.stateDirectory, this.kept, ConnectionString, Host) = (servers, stateDirectory, kept, connectionString, host);
    }

    /// <summary>The folder of the server's data; a kept database's benchmark marks its generated data here.</summary>
    public string StateDirectory => stateDirectory;

    public string ConnectionString { get; }

    public IHost Host { get; }

    /// <param name="database">The service's database name, e.g. <c>customersdb</c>.</param>
    /// <param name="configure">Registers the service pieces the benchmark calls.</param>
    /// <param name="keepIn">
    /// A folder under the temporary folder to start from and leave behind, so that a benchmark can reuse data that takes
    /// minutes to generate; new migrations are applied on start. Null: a fresh server, removed when disposed.
    /// </param>
    public static async Task<BenchDatabase<TContext>> StartAsync(string database, Action<HostApplicationBuilder>? configure = null, string? keepIn = null)
    {
        var state = Path.Combine(Path.GetTempPath(), keepIn ?? $"crm-bench-{Guid.NewGuid():N}");
        var hosting = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { StateDirectory = state, ForTests = true });
        // Sized as a production server of this machine's memory would be: the default 128 MB, meant for small machines,
        // makes every index write of a million-row table evict and re-read pages.
        hosting.AddPostgres("postgres").WithSetting("shared_buffers", "2GB").AddDatabase(database);
        var servers = hosting.Build();
        await servers.StartAsync();
        var connectionString = servers.GetConnectionString(database);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{database}"] = connectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDbContext<TContext>(database);
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);
        var bench = new BenchDatabase<TContext>(servers, state, keepIn is not null, connectionString, builder.Build());
        await bench.WithDbAsync(db =>
        {
            // A new migration on kept data rewrites millions of rows; no statement timeout applies to it.
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            return db.Database.MigrateAsync();
        });
        return bench;
    }

    public Task WithDbAsync(Func<TContext, Task> work) => Host.InScopeAsync(work);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await servers.DisposeAsync();
        if (!kept)
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
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

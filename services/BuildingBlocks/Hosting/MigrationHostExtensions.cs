using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// In the hosting namespace, like AddServiceDefaults, so a service's Program.cs calls it without an extra using.
namespace Microsoft.Extensions.Hosting;

public static class MigrationHostExtensions
{
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// The explicit migration step (run by the AppHost, or a Kubernetes Job, as <c>dotnet Crm.X.dll migrate</c>): when
    /// <paramref name="args"/> starts with <c>migrate</c>, applies the pending EF Core migrations, disposes the host so
    /// its logs are flushed, and returns true; the caller then exits. Otherwise returns false and touches nothing.
    /// </summary>
    /// <param name="afterMigrating">
    /// Data the service needs before its first start (roles, keys), created here so that replicas never race to create it.
    /// </param>
    public static async Task<bool> RunMigrationsIfRequestedAsync<TDbContext>(
        this IHost host, string[] args, Func<IServiceProvider, CancellationToken, Task>? afterMigrating = null)
        where TDbContext : DbContext
    {
        if (args is not [MigrateCommand, ..])
        {
            return false;
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationHostExtensions));
            logger.LogInformation("Migrating database {Database} of {DbContext}", db.Database.GetDbConnection().Database, typeof(TDbContext).Name);
            await db.Database.MigrateAsync();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            logger.LogInformation("Database is up to date: {Count} migrations applied, the latest {Latest}", applied.Count, applied.LastOrDefault());
            if (afterMigrating is not null)
            {
                await afterMigrating(scope.ServiceProvider, CancellationToken.None);
            }
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }

        return true;
    }
}

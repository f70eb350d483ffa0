using Crm.ServiceDefaults.Health;
using Crm.ServiceDefaults.WarmUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.BuildingBlocks.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// The service's DbContext on PostgreSQL, connection string from <c>ConnectionStrings:{connectionName}</c>, with a
    /// readiness health check. Migrations live in the DbContext's assembly and are applied by the explicit
    /// <c>migrate</c> step, never at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDbContext<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        builder.Services.AddDbContext<TDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            // No EnableRetryOnFailure: the outbox and the inbox run explicit transactions, which a retrying execution
            // strategy refuses unless every one of them is wrapped in strategy.ExecuteAsync.
            if (connectionString is not null)
            {
                options.UseNpgsql(connectionString);
            }
            else if (EF.IsDesignTime)
            {
                // 'dotnet ef migrations add' builds the model through the service's host and never connects.
                options.UseNpgsql();
            }
            else
            {
                throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
            }

            // One naming style for every table and column, the one people type in psql.
            options.UseSnakeCaseNamingConvention();
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(connectionName, tags: [HealthTags.Ready]);
        builder.Services.AddWarmUpStep<EntityQueriesWarmUp<TDbContext>>();
        return builder;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.BuildingBlocks.CustomFields;

public static class CustomFieldIndexingExtensions
{
    /// <summary>Indexes the single-choice fields of <paramref name="table"/> for <paramref name="orders"/> (see <see cref="CustomFieldIndexWorker{TContext}"/>).</summary>
    public static IServiceCollection AddCustomFieldIndexes<TContext>(
        this IServiceCollection services, string table, IReadOnlyList<CustomFieldIndexOrder> orders, TimeSpan? pollInterval = null)
        where TContext : DbContext, ICustomFieldsDbContext
    {
        services.AddSingleton(new CustomFieldIndexing<TContext>(table, orders, pollInterval ?? TimeSpan.FromSeconds(10)));
        services.AddHostedService<CustomFieldIndexWorker<TContext>>();
        return services;
    }
}

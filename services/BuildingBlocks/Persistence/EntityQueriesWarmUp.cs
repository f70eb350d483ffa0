using System.Reflection;
using Crm.ServiceDefaults.WarmUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.BuildingBlocks.Persistence;

/// <summary>
/// Reads one row of every entity type once, tracked, as requests and consumers read them: EF Core then has built the
/// query pipeline and a materializer per entity type, and the runtime has compiled their code, so the first request or
/// event that touches a table pays mostly for its own query's translation.
/// </summary>
internal sealed class EntityQueriesWarmUp<TDbContext>(IServiceScopeFactory scopeFactory) : IWarmUpStep
    where TDbContext : DbContext
{
    private static readonly MethodInfo ReadOneMethod =
        typeof(EntityQueriesWarmUp<TDbContext>).GetMethod(nameof(ReadOneAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var entityTypes = db.Model.GetEntityTypes()
            .Where(type => !type.IsOwned() && type.FindPrimaryKey() is not null && !type.HasSharedClrType && type.BaseType is null)
            .ToList();
        foreach (var entityType in entityTypes)
        {
            var firstKeyProperty = entityType.FindPrimaryKey()!.Properties[0].Name;
            await (Task)ReadOneMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [db, firstKeyProperty, cancellationToken])!;
        }
    }

    // Ordered, as every query with a row limit should be (EF Core warns otherwise).
    private static Task ReadOneAsync<TEntity>(TDbContext db, string firstKeyProperty, CancellationToken cancellationToken)
        where TEntity : class =>
        db.Set<TEntity>().OrderBy(entity => EF.Property<object>(entity, firstKeyProperty)).Take(1).ToListAsync(cancellationToken);
}

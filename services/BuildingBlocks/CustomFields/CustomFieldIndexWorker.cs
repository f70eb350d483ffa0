using Crm.BuildingBlocks.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// Keeps the table's custom field indexes (<see cref="CustomFieldIndexes"/>) in step with the definitions: a field an
/// administrator adds is indexed within a round, without the request that added it waiting for a build over every record.
/// Until then its filter is still right, only slower.
/// </summary>
public sealed class CustomFieldIndexWorker<TContext>(
    IServiceScopeFactory scopes, CustomFieldIndexing<TContext> indexing, TimeProvider clock, ILogger<CustomFieldIndexWorker<TContext>> logger)
    : PollingWorker(clock, logger)
    where TContext : DbContext, ICustomFieldsDbContext
{
    protected override TimeSpan PollInterval => indexing.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changed = await CustomFieldIndexes.ReconcileAsync(
            scope.ServiceProvider.GetRequiredService<TContext>(), indexing.Table, indexing.Orders, cancellationToken);
        if (changed > 0)
        {
            logger.LogInformation("Custom field indexes of {Table}: {Changed} built or dropped", indexing.Table, changed);
        }

        return false;
    }
}

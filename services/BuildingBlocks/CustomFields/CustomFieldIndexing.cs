using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>Which table of <typeparamref name="TContext"/> holds the custom values, and the list orders to index them for.</summary>
public sealed record CustomFieldIndexing<TContext>(string Table, IReadOnlyList<CustomFieldIndexOrder> Orders, TimeSpan PollInterval)
    where TContext : DbContext, ICustomFieldsDbContext;

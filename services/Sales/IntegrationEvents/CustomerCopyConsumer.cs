using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Customers;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.IntegrationEvents;

/// <summary>
/// Keeps this service's copy of each customer. Every event carries the customer's revision; an event older than the
/// copy is ignored, so redelivered or reordered events cannot roll it back.
/// </summary>
public sealed class CustomerCopyConsumer(SalesDbContext db) :
    IConsumer<CustomerRegistered>, IConsumer<CustomerUpdated>, IConsumer<CustomerDeleted>, IConsumer<CustomersMerged>, IConsumer<CustomerErased>
{
    private const int RegisteredRevision = 1;
    private const string ErasedName = "Erased customer";

    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var registered = context.Message;
        if (await db.Customers.ToOverwriteAsync(registered.CustomerId, RegisteredRevision, () => new Customer { Id = registered.CustomerId, Name = "", Kind = "" },
                context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.RegisteredAt = registered.OccurredAt;
        copy.Revision = RegisteredRevision;
        copy.Name = registered.Name;
        copy.Kind = registered.Kind;
        copy.Region = registered.Region;
        copy.OwnerId = registered.OwnerId;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomerUpdated> context)
    {
        var updated = context.Message;
        if (await db.Customers.ToOverwriteAsync(updated.CustomerId, updated.Revision, () => new Customer { Id = updated.CustomerId, Name = "", Kind = "" },
                context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = updated.Revision;
        copy.Name = updated.Name;
        copy.Kind = updated.Kind;
        copy.Region = updated.Region;
        copy.OwnerId = updated.OwnerId;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomerDeleted> context)
    {
        var deleted = context.Message;
        if (await db.Customers.ToOverwriteAsync(deleted.CustomerId, deleted.Revision, () => new Customer { Id = deleted.CustomerId, Name = "", Kind = "" },
                context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = deleted.Revision;
        copy.IsDeleted = true;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomersMerged> context)
    {
        var merged = context.Message;
        // The deals of the secondary now belong to the primary.
        await db.Opportunities.Where(item => item.CustomerId == merged.SecondaryId)
            .ExecuteUpdateAsync(set => set.SetProperty(item => item.CustomerId, merged.PrimaryId), context.CancellationToken);
        if (await db.Customers.ToOverwriteAsync(merged.SecondaryId, merged.SecondaryRevision, () => new Customer { Id = merged.SecondaryId, Name = "", Kind = "" },
                context.CancellationToken) is { } copy)
        {
            copy.Revision = merged.SecondaryRevision;
            copy.IsDeleted = true;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>The person asked to be forgotten: only the id and what is not personal stay.</summary>
    public async Task Consume(ConsumeContext<CustomerErased> context)
    {
        var erased = context.Message;
        if (await db.Customers.ToOverwriteAsync(erased.CustomerId, erased.Revision, () => new Customer { Id = erased.CustomerId, Name = "", Kind = "" },
                context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = erased.Revision;
        copy.Name = ErasedName;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

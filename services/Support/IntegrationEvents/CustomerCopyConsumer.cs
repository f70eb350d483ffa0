using Crm.Contracts.Customers;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.IntegrationEvents;

/// <summary>
/// Keeps this service's copy of each customer. Every event carries the customer's revision; an event older than the
/// copy is ignored, so redelivered or reordered events cannot roll it back.
/// </summary>
public sealed class CustomerCopyConsumer(SupportDbContext db) :
    IConsumer<CustomerRegistered>, IConsumer<CustomerUpdated>, IConsumer<CustomerDeleted>
{
    private const int RegisteredRevision = 1;

    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var registered = context.Message;
        if (await CopyNewerThanAsync(registered.CustomerId, RegisteredRevision - 1, context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.RegisteredAt = registered.OccurredAt;
        copy.Revision = RegisteredRevision;
        copy.Name = registered.Name;
        copy.Email = registered.Email;
        copy.Phone = registered.Phone;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomerUpdated> context)
    {
        var updated = context.Message;
        if (await CopyNewerThanAsync(updated.CustomerId, updated.Revision - 1, context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = updated.Revision;
        copy.Name = updated.Name;
        copy.Email = updated.Email;
        copy.Phone = updated.Phone;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CustomerDeleted> context)
    {
        var deleted = context.Message;
        if (await CopyNewerThanAsync(deleted.CustomerId, deleted.Revision - 1, context.CancellationToken) is not { } copy)
        {
            return;
        }

        copy.Revision = deleted.Revision;
        copy.IsDeleted = true;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>The tracked copy to overwrite (a new one if there is none yet), or null when it is at a later revision.</summary>
    private async Task<Customer?> CopyNewerThanAsync(Guid customerId, int revision, CancellationToken cancellationToken)
    {
        var copy = await db.Customers.FirstOrDefaultAsync(customer => customer.Id == customerId, cancellationToken);
        if (copy is null)
        {
            copy = new Customer { Id = customerId, Name = "" };
            db.Customers.Add(copy);
            return copy;
        }

        return copy.Revision > revision ? null : copy;
    }
}

using Crm.BuildingBlocks.Persistence;
using Crm.Contracts.Customers;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.CustomerCopies;

/// <summary>
/// Keeps a service's copies of customers from the customer service's events. Every event carries the customer's
/// revision; one that is not newer than the copy is ignored, so redelivered or reordered events cannot roll it back.
/// A service says only which fields it keeps and what refers to a customer.
/// </summary>
public abstract class CustomerCopyConsumer<TDbContext, TCopy>(TDbContext db) :
    IConsumer<CustomerRegistered>, IConsumer<CustomerUpdated>, IConsumer<CustomerDeleted>, IConsumer<CustomersMerged>, IConsumer<CustomerErased>
    where TDbContext : DbContext
    where TCopy : class, ICustomerCopy
{
    public const string ErasedName = "Erased customer";
    private const int RegisteredRevision = 1;

    protected TDbContext Db => db;

    public Task Consume(ConsumeContext<CustomerRegistered> context) =>
        OverwriteAsync(context.Message.CustomerId, RegisteredRevision, copy => Copy(copy, context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerUpdated> context) =>
        OverwriteAsync(context.Message.CustomerId, context.Message.Revision, copy => Copy(copy, context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerDeleted> context) =>
        OverwriteAsync(context.Message.CustomerId, context.Message.Revision, copy => copy.IsDeleted = true, context.CancellationToken);

    public async Task Consume(ConsumeContext<CustomersMerged> context)
    {
        var merged = context.Message;
        await RepointAsync(merged.SecondaryId, merged.PrimaryId, context.CancellationToken);
        await OverwriteAsync(merged.SecondaryId, merged.SecondaryRevision, copy => copy.IsDeleted = true, context.CancellationToken);
    }

    /// <summary>The person asked to be forgotten: only the id and what is not personal stay.</summary>
    public async Task Consume(ConsumeContext<CustomerErased> context)
    {
        await ForgetRecordsAsync(context.Message.CustomerId, context.CancellationToken);
        await OverwriteAsync(context.Message.CustomerId, context.Message.Revision, Anonymise, context.CancellationToken);
    }

    /// <summary>A new, empty copy; the event's fields are copied onto it next.</summary>
    protected abstract TCopy NewCopy(Guid id);

    protected abstract void Copy(TCopy copy, CustomerRegistered registered);

    protected abstract void Copy(TCopy copy, CustomerUpdated updated);

    /// <summary>Removes every personal field of the copy (name to <see cref="ErasedName"/>).</summary>
    protected abstract void Anonymise(TCopy copy);

    /// <summary>
    /// Removes what the service's own records (tickets, comments, converted leads) say about an erased customer, in the
    /// consumer's transaction. Runs on every delivery, so it must be idempotent.
    /// </summary>
    protected virtual Task ForgetRecordsAsync(Guid customerId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Points what refers to <paramref name="from"/> (deals, tickets) at <paramref name="to"/>, in the consumer's transaction.</summary>
    protected virtual Task RepointAsync(Guid from, Guid to, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after an event changed the copy, before it is saved, in the consumer's transaction: a service adjusts what
    /// depends on the copy (sales re-plans the customer's follow-up for a new owner, or drops it for a deleted customer).
    /// </summary>
    protected virtual Task OnCopyChangedAsync(TCopy copy, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task OverwriteAsync(Guid customerId, int revision, Action<TCopy> change, CancellationToken cancellationToken)
    {
        if (await db.Set<TCopy>().ToOverwriteAsync(customerId, revision, () => NewCopy(customerId), cancellationToken) is { } copy)
        {
            copy.Revision = revision;
            change(copy);
            await OnCopyChangedAsync(copy, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// For a service that writes many outbox rows with one SQL statement (<c>INSERT INTO outbox_messages ... SELECT</c>),
/// where adding a million events one by one through <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> would
/// take minutes. It keeps the outbox's promises the same way: the ordering keys are locked in the caller's transaction
/// before any row is written, and the commit wakes the dispatcher.
/// </summary>
public static class SetWiseOutbox
{
    /// <summary>
    /// Call inside the transaction, before writing rows (or data whose change the events announce) for these keys. Also
    /// useful before changing rows another writer of the same keys touches, so both take the locks in the same order.
    /// </summary>
    public static async Task LockOrderingKeysAsync(this MessagingDbContext db, IEnumerable<string> orderingKeys, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ordering locks are held until the transaction ends; begin one first.");
        }

        await AdvisoryLocks.LockOrderingKeysAsync(db, orderingKeys, cancellationToken);
        db.HasUnsignalledOutboxMessages = true;
    }
}

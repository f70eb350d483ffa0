using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Wakes the dispatcher when a transaction that wrote outbox rows commits. Listening to commits rather than to
/// SavedChanges matters: inside an explicit transaction (the inbox filter's, or an endpoint's own) the rows only become
/// visible to the dispatcher at commit.
/// </summary>
internal sealed class OutboxCommitInterceptor<TDbContext>(OutboxSignal<TDbContext> signal) : DbTransactionInterceptor
    where TDbContext : MessagingDbContext
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfOutboxWritten(eventData);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData);
        return Task.CompletedTask;
    }

    private void NotifyIfOutboxWritten(TransactionEndEventData eventData)
    {
        if (eventData.Context is TDbContext { HasUnsignalledOutboxMessages: true } db)
        {
            db.HasUnsignalledOutboxMessages = false;
            signal.Notify();
        }
    }
}

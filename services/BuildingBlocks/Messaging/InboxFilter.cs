using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Applies each message once per receive endpoint, however often RabbitMQ redelivers it or the outbox re-publishes it.
/// Runs in the consumer's scope, so the consumer's DbContext is this one: the inbox entry, the consumer's changes and
/// any integration events it adds commit together or not at all.
/// </summary>
public sealed class InboxFilter<TMessage>(MessagingDbContext db, ILogger<InboxFilter<TMessage>> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} without a MessageId cannot be deduplicated.");
        var consumer = EndpointName(context.ReceiveContext.InputAddress);
        var cancellationToken = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await TryRecordAsync(messageId, consumer, cancellationToken))
            {
                logger.LogInformation("{Consumer} already applied message {MessageId}; skipping the redelivery", consumer, messageId);
                // Counted as consumed: otherwise MassTransit would move the duplicate to the <queue>_skipped queue.
                await context.NotifyConsumed(context, TimeSpan.Zero, nameof(InboxFilter<TMessage>));
                return;
            }

            await next.Send(context);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // The transaction rolls back when disposed; the tracked entities must go too, or the retry (same scope)
            // would save the failed attempt's leftovers.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    /// <summary>
    /// A concurrent delivery of the same message waits on the first one's uncommitted row here, then finds it taken
    /// (or, if the first rolled back, inserts it and runs).
    /// </summary>
    private async Task<bool> TryRecordAsync(Guid messageId, string consumer, CancellationToken cancellationToken)
    {
        var inbox = db.Model.FindEntityType(typeof(InboxMessage))!;
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(inbox.GetTableName()!, inbox.GetSchema());
        var sql = "INSERT INTO " + table + " (message_id, consumer, received_at) VALUES ({0}, {1}, now()) ON CONFLICT DO NOTHING";
        return await db.Database.ExecuteSqlRawAsync(sql, [messageId, consumer], cancellationToken) == 1;
    }

    /// <summary>The queue name, the last segment of e.g. <c>rabbitmq://host/vhost/sales-customer-registered</c>.</summary>
    private static string EndpointName(Uri inputAddress) =>
        inputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
}

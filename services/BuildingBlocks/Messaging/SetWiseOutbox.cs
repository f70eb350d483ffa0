using Crm.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// For a service that writes many outbox rows with one SQL statement (<c>INSERT INTO outbox_messages ... SELECT</c>) or
/// one <c>COPY</c> (<see cref="CopyIntegrationEventsAsync"/>), where adding thousands of events one by one through
/// <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> would take minutes. It keeps the outbox's promises the
/// same way: the ordering keys are locked in the caller's transaction before any row is written, and the commit wakes
/// the dispatcher.
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

    /// <summary>
    /// Writes the events with one binary <c>COPY</c> in the caller's transaction: the same rows
    /// <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> would store (message id, payload, trace headers), their
    /// ordering keys locked first. Events still queued in the change tracker are saved later and so come after these.
    /// </summary>
    public static async Task CopyIntegrationEventsAsync(
        this MessagingDbContext db, IReadOnlyCollection<(object Event, string? OrderingKey)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await db.LockOrderingKeysAsync(events.Select(e => e.OrderingKey).OfType<string>(), cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (id, ordering_key, message_type, payload, headers, created_at, attempts) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var (integrationEvent, orderingKey) in events)
        {
            var message = OutboxMessage.Create(integrationEvent, orderingKey);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(message.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteOrNullAsync(message.OrderingKey, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(message.MessageType, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(message.Payload, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(message.Headers, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(message.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}

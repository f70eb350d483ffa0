using Crm.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// For a service that writes many outbox rows with one SQL statement (<c>INSERT INTO outbox_messages ... SELECT</c>) or
/// one <c>COPY</c> (<see cref="CopyOutboxMessagesAsync"/>), where adding thousands of events one by one through
/// <see cref="MessagingDbContext.AddIntegrationEvent{TEvent}"/> would take minutes. It keeps the outbox's promises the
/// same way: the ordering keys are locked in the caller's transaction before any row is written (unless no other
/// transaction can know them yet), and the commit wakes the dispatcher.
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
    /// Writes the outbox rows (made by <see cref="OutboxMessage.Create"/>) with one binary <c>COPY</c> in the caller's
    /// transaction, their ordering keys locked first unless <paramref name="keysAreNew"/>. Events still queued in the change
    /// tracker are saved later and so come after these.
    /// </summary>
    /// <param name="keysAreNew">
    /// The keys are of aggregates this transaction creates: no other transaction can write events for them before this one
    /// commits, so there is no order to protect and the locks (one per key) are skipped.
    /// </param>
    public static async Task CopyOutboxMessagesAsync(
        this MessagingDbContext db, IReadOnlyCollection<OutboxMessage> messages, bool keysAreNew, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (!keysAreNew)
        {
            await db.LockOrderingKeysAsync(messages.Select(message => message.OrderingKey).OfType<string>(), cancellationToken);
        }

        db.HasUnsignalledOutboxMessages = true;

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (id, ordering_key, message_type, payload, headers, created_at, attempts) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var message in messages)
        {
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

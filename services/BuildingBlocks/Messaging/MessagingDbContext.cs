using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Base of every service's DbContext. It maps the outbox and inbox tables, so each service's migrations create them,
/// and it makes saving integration events keep per-aggregate order.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Outbox rows were written and the commit that makes them visible has not woken the dispatcher yet.</summary>
    internal bool HasUnsignalledOutboxMessages { get; set; }

    /// <summary>
    /// Queues an integration event; it is stored by the next <see cref="SaveChangesAsync(bool, CancellationToken)"/>,
    /// in the same transaction as the rest of the changes, and published after that transaction commits.
    /// </summary>
    /// <param name="orderingKey">
    /// Usually the aggregate id. Events with the same key reach the broker in the order their transactions committed.
    /// </param>
    public OutboxMessage AddIntegrationEvent<TEvent>(TEvent integrationEvent, string? orderingKey = null)
        where TEvent : class
    {
        var message = OutboxMessage.Create(integrationEvent, orderingKey);
        Set<OutboxMessage>().Add(message);
        return message;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Persistence.UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageEntityTypeConfiguration());
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var orderingKeys = AddedOrderingKeys(out var hasOutboxMessages);
        if (!hasOutboxMessages)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        HasUnsignalledOutboxMessages = true;
        if (Database.CurrentTransaction is not null)
        {
            await AdvisoryLocks.LockOrderingKeysAsync(this, orderingKeys, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Our own transaction, even for a single insert: the ordering locks need one, and its commit is what wakes the
        // dispatcher (OutboxCommitInterceptor).
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.LockOrderingKeysAsync(this, orderingKeys, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddedOrderingKeys(out var hasOutboxMessages);
        return hasOutboxMessages
            ? throw new InvalidOperationException("Integration events are saved with SaveChangesAsync, which takes their ordering locks.")
            : base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private List<string> AddedOrderingKeys(out bool hasOutboxMessages)
    {
        var added = ChangeTracker.Entries<OutboxMessage>()
            .Where(entry => entry.State == EntityState.Added)
            .Select(entry => entry.Entity)
            .ToList();
        hasOutboxMessages = added.Count > 0;
        return added.Select(message => message.OrderingKey).OfType<string>().ToList();
    }
}

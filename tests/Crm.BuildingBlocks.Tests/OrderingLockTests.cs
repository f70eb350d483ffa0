using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.BuildingBlocks.Tests;

/// <summary>
/// Sequence numbers are taken at insert, not at commit; the per-key lock is what keeps a later writer of the same key
/// from taking a sequence number before an earlier one commits.
/// </summary>
public sealed class OrderingLockTests(Servers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_writer_of_a_key_waits_until_the_first_commits_while_other_keys_go_ahead()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, _ => { });
        var key = Guid.NewGuid().ToString();
        var otherKey = Guid.NewGuid().ToString();

        await using var firstScope = service.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<TestDbContext>();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Cancellation);
        first.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
        await first.SaveChangesAsync(Cancellation);

        await service.AddEventAsync(new ThingHappened(otherKey, 1), otherKey).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var second = service.AddEventAsync(new ThingHappened(key, 2), key);
        await Eventually.Until(
            () => service.WithDbAsync(db => db.Database
                .SqlQuery<int>($"""
                    SELECT count(*)::int AS "Value" FROM pg_locks
                    WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """)
                .SingleAsync(Cancellation)),
            waiting => waiting == 1);
        second.IsCompleted.ShouldBeFalse();

        await firstTransaction.CommitAsync(Cancellation);
        await second.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var numbersInSequenceOrder = await service.WithDbAsync(db => db.OutboxMessages
            .Where(message => message.OrderingKey == key)
            .OrderBy(message => message.Sequence)
            .Select(message => message.Payload)
            .ToListAsync(Cancellation));
        numbersInSequenceOrder.Count.ShouldBe(2);
        numbersInSequenceOrder[0].ShouldContain("\"number\": 1");
        numbersInSequenceOrder[1].ShouldContain("\"number\": 2");
    }
}

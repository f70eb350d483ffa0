using Crm.BuildingBlocks.Tests.Consumers;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Tests;

public sealed class PoisonMessageTests(Servers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_whose_consumer_always_fails_ends_in_the_error_queue_after_its_retries_and_others_keep_flowing()
    {
        await using var database = await servers.CreateDatabaseAsync();
        var retryIntervals = new[] { TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20) };
        await using var service = await MessagingTestHost.StartAsync(
            servers,
            database,
            bus =>
            {
                bus.AddConsumer<PoisonPillConsumer>();
                bus.AddConsumer<ThingHappenedConsumer>();
            },
            options => options.ConsumerRetryIntervals = retryIntervals);
        var key = Guid.NewGuid().ToString();

        var poisonId = await service.WithDbAsync(async db =>
        {
            var poison = db.AddIntegrationEvent(new PoisonPill(key), orderingKey: key);
            db.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
            await db.SaveChangesAsync(Cancellation);
            return poison.Id;
        });

        await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 1);
        var errorQueue = service.QueueName<PoisonPillConsumer>() + "_error";
        var deadLetterId = await Eventually.Until(
            () => Broker.TakeMessageIdAsync(servers.MessagingConnectionString, errorQueue), messageId => messageId is not null);
        deadLetterId.ShouldBe(poisonId.ToString());
        service.Attempts.Get(key).ShouldBe(retryIntervals.Length + 1);
        (await service.WithDbAsync(db => db.InboxMessages.AnyAsync(entry => entry.MessageId == poisonId, Cancellation))).ShouldBeFalse();
    }
}

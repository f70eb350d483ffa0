using Crm.BuildingBlocks.Tests.Consumers;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Tests;

public sealed class InboxTests(Servers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_delivered_twice_is_applied_once()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(
            servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1));
        var key = Guid.NewGuid().ToString();
        var messageId = NewId.NextGuid();

        await service.Bus.Publish(new ThingHappened(key, 1), context => context.MessageId = messageId, Cancellation);
        await service.Bus.Publish(new ThingHappened(key, 1), context => context.MessageId = messageId, Cancellation);

        await Eventually.Until(() => Task.FromResult(service.Deliveries.Completed(messageId)), deliveries => deliveries == 2);
        (await service.ReceivedAsync(key)).ShouldHaveSingleItem().MessageId.ShouldBe(messageId);
        var queue = service.QueueName<ThingHappenedConsumer>();
        (await service.WithDbAsync(db => db.InboxMessages.SingleAsync(entry => entry.MessageId == messageId, Cancellation)))
            .Consumer.ShouldBe(queue);
        // A skipped duplicate still counts as consumed: MassTransit must not move it to the _skipped queue.
        (await Broker.MessageCountAsync(servers.MessagingConnectionString, queue + "_skipped") ?? 0).ShouldBe(0u);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_are_applied_once()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(
            servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 8));
        var key = Guid.NewGuid().ToString();
        var messageId = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            service.Bus.Publish(new ThingHappened(key, 1), context => context.MessageId = messageId, Cancellation)));

        await Eventually.Until(() => Task.FromResult(service.Deliveries.Completed(messageId)), deliveries => deliveries == 5);
        (await service.ReceivedAsync(key)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_dispatcher_that_crashed_between_publish_and_mark_causes_no_double_effect()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());
        var key = Guid.NewGuid().ToString();
        var outboxId = await service.AddEventAsync(new ThingHappened(key, 1), key);
        await Eventually.Until(() => service.OutboxRowAsync(outboxId), message => message.DispatchedAt is not null);

        // What a crash after the broker's confirm but before the mark commits leaves behind: a published row still pending.
        await service.WithDbAsync(db => db.OutboxMessages
            .Where(message => message.Id == outboxId)
            .ExecuteUpdateAsync(row => row.SetProperty(message => message.DispatchedAt, (DateTimeOffset?)null), Cancellation));

        await Eventually.Until(() => Task.FromResult(service.Deliveries.Completed(outboxId)), deliveries => deliveries == 2);
        (await service.ReceivedAsync(key)).ShouldHaveSingleItem().MessageId.ShouldBe(outboxId);
    }

    [Fact]
    public async Task Events_a_consumer_adds_leave_through_the_outbox_and_a_failed_attempt_leaves_nothing()
    {
        await using var database = await servers.CreateDatabaseAsync();
        // Rare polling: the forwarded event can only arrive quickly if the inbox transaction's commit wakes the dispatcher.
        await using var service = await MessagingTestHost.StartAsync(
            servers,
            database,
            bus =>
            {
                bus.AddConsumer<ForwardingConsumer>();
                bus.AddConsumer<ThingForwardedConsumer>();
            },
            options => options.PollInterval = TimeSpan.FromSeconds(60));
        var key = Guid.NewGuid().ToString();

        await service.Bus.Publish(new ForwardRequested(key, FailFirstAttempt: true), Cancellation);

        var received = await Eventually.Until(
            () => service.ReceivedAsync(key),
            messages => messages.Any(message => message.Consumer == nameof(ThingForwardedConsumer)),
            OutboxTests.WokenByCommit);
        service.Attempts.Get(key).ShouldBe(2);
        received.Count(message => message.Consumer == nameof(ForwardingConsumer)).ShouldBe(1);
        var forwarded = await service.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(message => message.OrderingKey == key, Cancellation));
        received.Single(message => message.Consumer == nameof(ThingForwardedConsumer)).MessageId.ShouldBe(forwarded.Id);
    }
}

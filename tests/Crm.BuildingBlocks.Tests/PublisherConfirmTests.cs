using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using RabbitMQ.Client;

namespace Crm.BuildingBlocks.Tests;

public sealed class PublisherConfirmTests(Servers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_publish_the_broker_refuses_is_not_marked_dispatched_and_is_retried()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, _ => { });
        var key = Guid.NewGuid().ToString();

        // A full queue that rejects new messages makes the broker answer the publish with a nack instead of an ack.
        var factory = new ConnectionFactory { Uri = new Uri(servers.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(Cancellation);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        var exchange = $"{typeof(RefusedThing).Namespace}:{nameof(RefusedThing)}";
        var refusingQueue = $"{service.ServiceName}-refusing";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: Cancellation);
        await channel.QueueDeclareAsync(
            refusingQueue,
            durable: false,
            exclusive: false,
            autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 0, ["x-overflow"] = "reject-publish" },
            cancellationToken: Cancellation);
        await channel.QueueBindAsync(refusingQueue, exchange, routingKey: "", cancellationToken: Cancellation);

        var outboxId = await service.AddEventAsync(new RefusedThing(key), key);

        var refused = await Eventually.Until(() => service.OutboxRowAsync(outboxId), message => message.Attempts >= 1);
        refused.DispatchedAt.ShouldBeNull();
        refused.LastError.ShouldNotBeNull();

        await channel.QueueDeleteAsync(refusingQueue, cancellationToken: Cancellation);
        var accepted = await Eventually.Until(() => service.OutboxRowAsync(outboxId), message => message.DispatchedAt is not null);
        accepted.Attempts.ShouldBeGreaterThan(1);
    }
}

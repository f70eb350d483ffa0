using Crm.BuildingBlocks.Tests.Consumers;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;

namespace Crm.BuildingBlocks.Tests;

/// <summary>Stops the shared broker, so it runs alone (see <see cref="BrokerOutageCollection"/>).</summary>
[Collection(nameof(BrokerOutageCollection))]
public sealed class BrokerOutageTests(Servers servers)
{
    private static readonly TimeSpan OutageBound = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_kept_and_delivered_once_it_is_back()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());
        var key = Guid.NewGuid().ToString();

        await servers.RabbitMQ.StopAsync(Cancellation);
        try
        {
            var outboxId = await service.WithDbAsync(async db =>
            {
                db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = key });
                var message = db.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
                await db.SaveChangesAsync(Cancellation);
                return message.Id;
            });

            var pending = await Eventually.Until(() => service.OutboxRowAsync(outboxId), message => message.Attempts >= 2, OutageBound);
            pending.DispatchedAt.ShouldBeNull();
            pending.LastError.ShouldNotBeNull();

            await servers.RabbitMQ.StartAsync(Cancellation);
            var received = await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 1, OutageBound);
            received.Single().MessageId.ShouldBe(outboxId);
        }
        finally
        {
            await servers.RabbitMQ.StartAsync(CancellationToken.None);
        }
    }
}

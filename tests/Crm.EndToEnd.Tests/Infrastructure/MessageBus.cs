using MassTransit;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Publishes an integration event to the system's RabbitMQ as the service that owns it would.</summary>
public static class MessageBus
{
    /// <returns>The message's id, under which each consumer's inbox records it.</returns>
    public static async Task<Guid> PublishAsync<TMessage>(this CrmSystemFixture system, TMessage message)
        where TMessage : class
    {
        var messageId = NewId.NextGuid();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(system.App.GetConnectionString("messaging"))));
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await bus.Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }

        return messageId;
    }

    /// <summary>Waits until <paramref name="consumer"/> (its queue's name) has applied the message, as its inbox shows.</summary>
    public static Task ConsumedAsync(this CrmSystemFixture system, string database, string consumer, Guid messageId) =>
        Eventually.HoldsAsync(async () => await system.CountAsync(database,
                "select count(*) from inbox_messages where message_id = @message and consumer = @consumer", ("message", messageId), ("consumer", consumer)) == 1,
            TimeSpan.FromSeconds(10), $"{consumer} applied message {messageId}");
}

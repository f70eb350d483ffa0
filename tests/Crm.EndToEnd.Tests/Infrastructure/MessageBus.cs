using MassTransit;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Publishes an integration event to the system's RabbitMQ as the service that owns it would.</summary>
public static class MessageBus
{
    public static async Task PublishAsync<TMessage>(this CrmSystemFixture system, TMessage message)
        where TMessage : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(system.App.GetConnectionString("messaging"))));
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await bus.Publish(message, TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }
}

using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Looks at queues directly with RabbitMQ.Client, past MassTransit.</summary>
public static class Broker
{
    /// <summary>Ready messages in <paramref name="queue"/>, or null when the queue does not exist.</summary>
    public static async Task<uint?> MessageCountAsync(string connectionString, string queue)
    {
        await using var connection = await ConnectAsync(connectionString);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>Takes one message off <paramref name="queue"/> and returns its AMQP message-id, or null when there is none.</summary>
    public static async Task<string?> TakeMessageIdAsync(string connectionString, string queue)
    {
        await using var connection = await ConnectAsync(connectionString);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            return message?.BasicProperties.MessageId;
        }
        catch (OperationInterruptedException)
        {
            // MassTransit declares the _error queue with the first faulted message.
            return null;
        }
    }

    private static Task<IConnection> ConnectAsync(string connectionString) =>
        new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "crm-buildingblocks-tests" }.CreateConnectionAsync();
}

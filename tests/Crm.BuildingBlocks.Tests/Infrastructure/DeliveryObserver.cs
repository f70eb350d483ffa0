using System.Collections.Concurrent;
using MassTransit;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Counts finished deliveries per MessageId, including the ones the inbox skipped (the consumer never sees those).</summary>
public sealed class DeliveryObserver : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, int> completed = new();

    public int Completed(Guid messageId) => completed.GetValueOrDefault(messageId);

    public Task PostReceive(ReceiveContext context)
    {
        if (context.GetMessageId() is { } messageId)
        {
            completed.AddOrUpdate(messageId, 1, (_, count) => count + 1);
        }

        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}

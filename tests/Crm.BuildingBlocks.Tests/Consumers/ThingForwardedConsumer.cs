using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;

namespace Crm.BuildingBlocks.Tests.Consumers;

public sealed class ThingForwardedConsumer(TestDbContext db) : IConsumer<ThingForwarded>
{
    public Task Consume(ConsumeContext<ThingForwarded> context)
    {
        db.ReceivedMessages.Add(new ReceivedMessage
        {
            MessageId = context.MessageId!.Value,
            Consumer = nameof(ThingForwardedConsumer),
            Key = context.Message.Key,
        });
        return Task.CompletedTask;
    }
}

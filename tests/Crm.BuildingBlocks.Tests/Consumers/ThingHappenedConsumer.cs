using System.Diagnostics;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;

namespace Crm.BuildingBlocks.Tests.Consumers;

/// <summary>Records its effect without saving: committing it is the inbox filter's job.</summary>
public sealed class ThingHappenedConsumer(TestDbContext db) : IConsumer<ThingHappened>
{
    public Task Consume(ConsumeContext<ThingHappened> context)
    {
        db.ReceivedMessages.Add(new ReceivedMessage
        {
            MessageId = context.MessageId!.Value,
            Consumer = nameof(ThingHappenedConsumer),
            Key = context.Message.Key,
            Number = context.Message.Number,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        return Task.CompletedTask;
    }
}

using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;

namespace Crm.BuildingBlocks.Tests.Consumers;

/// <summary>Writes an effect and an outgoing event, saves, and only then (on request) fails: the inbox must undo both.</summary>
public sealed class ForwardingConsumer(TestDbContext db, AttemptCounter attempts) : IConsumer<ForwardRequested>
{
    public async Task Consume(ConsumeContext<ForwardRequested> context)
    {
        var key = context.Message.Key;
        var attempt = attempts.Increment(key);
        db.ReceivedMessages.Add(new ReceivedMessage { MessageId = context.MessageId!.Value, Consumer = nameof(ForwardingConsumer), Key = key });
        db.AddIntegrationEvent(new ThingForwarded(key), orderingKey: key);
        await db.SaveChangesAsync(context.CancellationToken);

        if (context.Message.FailFirstAttempt && attempt == 1)
        {
            throw new InvalidOperationException("The first attempt fails after its changes were saved.");
        }
    }
}

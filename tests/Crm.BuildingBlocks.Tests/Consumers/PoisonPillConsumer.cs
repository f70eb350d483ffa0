using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;

namespace Crm.BuildingBlocks.Tests.Consumers;

public sealed class PoisonPillConsumer(AttemptCounter attempts) : IConsumer<PoisonPill>
{
    public Task Consume(ConsumeContext<PoisonPill> context)
    {
        attempts.Increment(context.Message.Key);
        throw new InvalidOperationException($"{context.Message.Key} is poison.");
    }
}

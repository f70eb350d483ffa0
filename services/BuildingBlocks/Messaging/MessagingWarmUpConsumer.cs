using MassTransit;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>Runs behind the inbox filter like every consumer, so a probe warms the same path a real event takes.</summary>
internal sealed class MessagingWarmUpConsumer(WarmUpProbes probes) : IConsumer<MessagingWarmUpProbe>
{
    public Task Consume(ConsumeContext<MessagingWarmUpProbe> context)
    {
        probes.Arrived(context.Message.ProbeId);
        return Task.CompletedTask;
    }
}

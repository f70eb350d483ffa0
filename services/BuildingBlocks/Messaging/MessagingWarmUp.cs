using Crm.ServiceDefaults.WarmUp;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// Sends a <see cref="MessagingWarmUpProbe"/> through the outbox and waits until this process's own consumer has taken
/// it through the inbox: EF Core's save and query paths, the dispatcher's publish, MassTransit's consume pipeline and the
/// inbox are then compiled and connected before the first real event. Measured cold, a new customer's copies took 2–4 s
/// to appear in the other services; most of it was this first-time cost.
/// </summary>
internal sealed class MessagingWarmUp<TDbContext>(IServiceScopeFactory scopeFactory, IBusControl bus, WarmUpProbes probes, TimeProvider time)
    : IWarmUpStep
    where TDbContext : MessagingDbContext
{
    /// <summary>A probe published before the bus had bound its queue is lost; another follows after this long.</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan BusCheckInterval = TimeSpan.FromMilliseconds(50);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            await Task.Delay(BusCheckInterval, time, cancellationToken);
        }

        while (true)
        {
            var probeId = Guid.NewGuid();
            var arrival = probes.Expect(probeId);
            try
            {
                var sequence = await SendAsync(probeId, cancellationToken);
                if (await ArrivedAsync(arrival, cancellationToken) || await HasRowsQueuedAheadAsync(sequence, cancellationToken))
                {
                    // Arrived; or real events are queued ahead of it (a restart with a backlog): they take the same path,
                    // and readiness need not wait until the backlog has drained.
                    return;
                }

                // Lost before the queue was bound, or slow: a fresh probe, and the old one no longer counts.
            }
            finally
            {
                probes.Forget(probeId);
            }
        }
    }

    private async Task<bool> ArrivedAsync(Task arrival, CancellationToken cancellationToken)
    {
        try
        {
            await arrival.WaitAsync(ResendAfter, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <returns>The probe's place in the outbox.</returns>
    private async Task<long> SendAsync(Guid probeId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var probe = db.AddIntegrationEvent(new MessagingWarmUpProbe(probeId));
        await db.SaveChangesAsync(cancellationToken);
        return probe.Sequence;
    }

    private async Task<bool> HasRowsQueuedAheadAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>()
            .AnyAsync(message => message.DispatchedAt == null && message.Sequence < sequence, cancellationToken);
    }
}

using Crm.ServiceDefaults.WarmUp;
using MassTransit;
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
            await SendAsync(probeId, cancellationToken);
            try
            {
                await arrival.WaitAsync(ResendAfter, time, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                // Lost or slow: a fresh probe, and the old one no longer counts.
            }
            finally
            {
                probes.Forget(probeId);
            }
        }
    }

    private async Task SendAsync(Guid probeId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.AddIntegrationEvent(new MessagingWarmUpProbe(probeId));
        await db.SaveChangesAsync(cancellationToken);
    }
}

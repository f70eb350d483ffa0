using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using Crm.ServiceDefaults.WarmUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.BuildingBlocks.Tests;

public sealed class MessagingWarmUpTests(Servers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Warming_up_reads_every_table_and_takes_a_probe_through_the_outbox_the_broker_and_the_inbox()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, _ => { });
        var steps = service.Services.GetServices<IWarmUpStep>().ToList();
        steps.Select(step => step.GetType().Name).ShouldBe(["EntityQueriesWarmUp`1", "MessagingWarmUp`1"], ignoreOrder: true);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        foreach (var step in steps)
        {
            await step.RunAsync(deadline.Token);
        }

        // The step returns once this process's own consumer had the probe; its row is dispatched and its inbox entry kept.
        var probe = await service.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(message => message.MessageType == typeof(MessagingWarmUpProbe).FullName, Cancellation));
        await Eventually.Until(() => service.OutboxRowAsync(probe.Id), message => message.DispatchedAt is not null);
        var received = await Eventually.Until(
            () => service.WithDbAsync(db => db.InboxMessages.AsNoTracking().Where(entry => entry.MessageId == probe.Id).ToListAsync(Cancellation)),
            entries => entries.Count == 1);
        received[0].Consumer.ShouldStartWith($"{service.ServiceName}-messaging-warm-up");
    }

    [Fact]
    public async Task A_probe_queued_behind_real_events_does_not_hold_the_process_back_until_they_are_out()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, _ => { });
        var step = service.Services.GetServices<IWarmUpStep>().Single(step => step.GetType().Name == "MessagingWarmUp`1");

        // A backlog the dispatcher cannot get through: it needs its advisory lock (AdvisoryLocks.DispatcherSpace), held here.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using (var lockDispatcher = new NpgsqlCommand("SELECT pg_advisory_lock(1329742936, 0)", connection))
        {
            await lockDispatcher.ExecuteScalarAsync(Cancellation);
        }

        var key = Guid.NewGuid().ToString("N");
        var queued = await service.AddEventAsync(new ThingHappened(key, 1), key);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        await step.RunAsync(deadline.Token);

        (await service.OutboxRowAsync(queued)).DispatchedAt.ShouldBeNull("the backlog was still there when the step returned");
    }
}

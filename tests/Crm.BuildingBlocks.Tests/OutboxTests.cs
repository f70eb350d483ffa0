using System.Diagnostics;
using Crm.BuildingBlocks.Tests.Consumers;
using Crm.BuildingBlocks.Tests.Infrastructure;
using Crm.BuildingBlocks.Tests.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Tests;

public sealed class OutboxTests(Servers servers)
{
    /// <summary>
    /// Tests that poll only every 60 s expect delivery within this bound: arrival proves the commit woke the
    /// dispatcher, and the margin absorbs a loaded 2-core CI machine.
    /// </summary>
    public static readonly TimeSpan WokenByCommit = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_committed_event_reaches_the_consumer_at_once_with_the_outbox_row_id_as_message_id()
    {
        await using var database = await servers.CreateDatabaseAsync();
        // Polling this rarely leaves the commit signal as the only way to deliver within the bounds below.
        await using var service = await MessagingTestHost.StartAsync(
            servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>(), options => options.PollInterval = TimeSpan.FromSeconds(60));
        var key = Guid.NewGuid().ToString();

        var outboxId = await service.WithDbAsync(async db =>
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = key });
            var message = db.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
            await db.SaveChangesAsync(Cancellation);
            return message.Id;
        });
        (await service.WithDbAsync(db => db.Notes.CountAsync(note => note.Text == key, Cancellation))).ShouldBe(1);

        var received = await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 1, WokenByCommit);
        received.Single().MessageId.ShouldBe(outboxId);
        var row = await Eventually.Until(() => service.OutboxRowAsync(outboxId), message => message.DispatchedAt is not null);
        row.MessageType.ShouldBe(typeof(ThingHappened).FullName);
        row.OrderingKey.ShouldBe(key);
        row.Payload.ShouldContain($"\"key\": \"{key}\"");
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldBeNull();

        // The first event paid for JIT compilation and MassTransit's pipeline building; this one shows the usual latency
        // (printed, not asserted: speed is for benchmarks).
        var clock = Stopwatch.StartNew();
        await service.AddEventAsync(new ThingHappened(key, 2), key);
        await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 2, WokenByCommit);
        TestContext.Current.TestOutputHelper!.WriteLine($"commit to consumed: {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());
        var key = Guid.NewGuid().ToString();

        await service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = key });
            db.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
            await db.SaveChangesAsync(Cancellation);
            await transaction.RollbackAsync(Cancellation);
        });
        await service.AddEventAsync(new ThingHappened(key, 2), key);

        // One dispatcher publishes in sequence order: once the later event is in, the earlier one would be too.
        var received = await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count > 0);
        received.ShouldHaveSingleItem().Number.ShouldBe(2);
        (await service.WithDbAsync(db => db.OutboxMessages.CountAsync(message => message.OrderingKey == key, Cancellation))).ShouldBe(1);
        (await service.WithDbAsync(db => db.Notes.CountAsync(note => note.Text == key, Cancellation))).ShouldBe(0);
    }

    [Fact]
    public async Task Events_for_one_ordering_key_are_consumed_in_the_order_they_were_committed()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(
            servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1));
        var key = Guid.NewGuid().ToString();

        for (var number = 1; number <= 50; number++)
        {
            await service.AddEventAsync(new ThingHappened(key, number), key);
        }

        var received = await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count >= 50);
        received.Select(message => message.Number).ShouldBe(Enumerable.Range(1, 50));
    }

    [Fact]
    public async Task Two_replicas_on_one_database_dispatch_each_event_once_and_in_order()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var consumerReplica = await MessagingTestHost.StartAsync(
            servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1));
        await using var otherReplica = await MessagingTestHost.StartAsync(servers, database, _ => { });
        var key = Guid.NewGuid().ToString();

        var ids = new List<Guid>();
        for (var number = 1; number <= 30; number++)
        {
            var writer = number % 2 == 0 ? consumerReplica : otherReplica;
            ids.Add(await writer.AddEventAsync(new ThingHappened(key, number), key));
        }

        var received = await Eventually.Until(() => consumerReplica.ReceivedAsync(key), messages => messages.Count >= 30);
        received.Select(message => message.Number).ShouldBe(Enumerable.Range(1, 30));
        ids.ShouldAllBe(id => consumerReplica.Deliveries.Completed(id) == 1);
    }

    [Fact]
    public async Task Rows_committed_outside_this_process_are_found_by_polling()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());
        var key = Guid.NewGuid().ToString();

        // A DbContext without the commit interceptor, like another replica or a run that crashed before dispatching.
        var options = new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString).UseSnakeCaseNamingConvention().Options;
        await using (var elsewhere = new TestDbContext(options))
        {
            elsewhere.AddIntegrationEvent(new ThingHappened(key, 1), orderingKey: key);
            await elsewhere.SaveChangesAsync(Cancellation);
        }

        await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 1);
    }

    [Fact]
    public async Task The_consumer_runs_in_the_trace_that_was_active_when_the_event_was_added()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());
        var key = Guid.NewGuid().ToString();

        ActivityTraceId requestTraceId;
        ActivitySpanId requestSpanId;
        using (var request = TestTracing.Source.StartActivity("POST /things", ActivityKind.Server))
        {
            requestTraceId = request.ShouldNotBeNull().TraceId;
            requestSpanId = request.SpanId;
            await service.AddEventAsync(new ThingHappened(key, 1), key);
        }

        var received = await Eventually.Until(() => service.ReceivedAsync(key), messages => messages.Count == 1);
        received.Single().TraceId.ShouldBe(requestTraceId.ToString());
        var dispatch = servers.StoppedActivities.Single(activity => activity.Source.Name == "Crm.Outbox" && activity.TraceId == requestTraceId);
        dispatch.ParentSpanId.ShouldBe(requestSpanId);
        servers.StoppedActivities.ShouldContain(activity =>
            activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Producer && activity.ParentSpanId == dispatch.SpanId);
    }
}

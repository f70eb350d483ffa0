using Crm.EndToEnd.Tests.Infrastructure;
using Crm.Hosting;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Redis;
using Crm.ServiceDefaults.Testing;
using StackExchange.Redis;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>
/// SLA timers are rows in support's database, not in a process's memory: a deadline that passes while every replica
/// of the support service is down fires once the service is back. The deadline is reached by moving the service's
/// test clock (its offset in Redis) while the service is stopped, not by waiting.
/// </summary>
public sealed class SupportTimerRestartTests(CrmSystemFixture system) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await system.Gateway.SetPolicyAsync("General", await system.Gateway.CreateAroundTheClockCalendarAsync(), firstResponseMinutes: 60, resolutionMinutes: 480);

    public async ValueTask DisposeAsync() => await system.Gateway.SetClockOffsetAsync(0);

    [Fact]
    public async Task A_deadline_passed_while_the_support_service_was_down_fires_and_escalates_after_the_restart()
    {
        var team = await system.CreateTeamAsync();
        var lead = await system.CreateUserAsync([CrmRoles.SupportLead], team);
        await system.WaitForSupportCopyAsync(lead);
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        var (ticket, _) = await agent.CreateTicketAsync(SupportRequests.NewTicket(await system.CreateSupportedCustomerAsync()));
        var id = ticket.IdOf();
        var due = ticket["sla"]!["firstResponse"]!["dueAt"].Time();
        var priority = ticket["priority"]!.GetValue<string>();
        var (_, offset) = await system.Gateway.ServiceClockAsync();

        var support = system.App.GetResource<ProjectResource>("support");
        await support.KillAsync();
        // What PUT /api/support/testing/clock would do, written to Redis directly because no replica is up to take it.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(system.App.GetConnectionString(RedisExtensions.ConnectionName)))
        {
            var clock = new TestClock(redis, "Crm.Support");
            await clock.SetOffsetAsync(TimeSpan.FromSeconds(offset) + (due - DateTimeOffset.UtcNow) + TimeSpan.FromMinutes(5));
        }

        (await system.CountAsync("supportdb", "select count(*) from tickets where id = @id and first_response_breached_at is null", ("id", id)))
            .ShouldBe(1, "nothing fired while the service was down");
        await support.StartAsync(Token);

        await Eventually.HoldsAsync(async () => await system.CountAsync("supportdb",
                "select count(*) from tickets where id = @id and first_response_breached_at is not null", ("id", id)) == 1,
            TimeSpan.FromSeconds(60), "the breach is recorded after the restart");
        await Eventually.HoldsAsync(async () => await OutboxCountAsync("TicketSlaWarning", id) == 1
                && await OutboxCountAsync("TicketSlaBreached", id) == 1
                && await OutboxCountAsync("TicketEscalated", id) == 1,
            TimeSpan.FromSeconds(30), "warning, breach and escalation are published once each");
        var (_, breached, _) = await agent.ReadTicketAsync(id);
        breached!["sla"]!["firstResponse"]!["breached"]!.GetValue<bool>().ShouldBeTrue();
        breached["priority"]!.GetValue<string>().ShouldNotBe(priority, "the escalation raised the priority");
        (breached["sla"]!["firstResponse"]!["breachedAt"].Time() - due).ShouldBeGreaterThan(TimeSpan.FromMinutes(4),
            "it fired when the service came back, after the deadline had long passed");
        (await system.CountAsync("supportdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.TicketEscalated' and payload->>'ticketId' = @id " +
            "and payload->'teamLeadIds' = jsonb_build_array(@lead::text)", ("id", id.ToString()), ("lead", lead.Id.ToString()))).ShouldBe(1, "the team's lead is told");
    }

    private Task<long> OutboxCountAsync(string type, Guid ticketId) => system.CountAsync("supportdb",
        "select count(*) from outbox_messages where message_type = @type and payload->>'ticketId' = @id and dispatched_at is not null",
        ("type", $"Crm.Contracts.Support.{type}"), ("id", ticketId.ToString()));
}

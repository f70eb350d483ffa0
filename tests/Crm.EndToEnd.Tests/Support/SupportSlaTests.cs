using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>
/// SLA policies per customer tier on a calendar, the clock stopping while the ticket waits on the customer, and breaches
/// detected by the durable timers and escalated. Deadlines are reached by moving the support service's test clock.
/// </summary>
public sealed class SupportSlaTests(CrmSystemFixture system) : IAsyncLifetime
{
    private const int GeneralFirstResponse = 4 * 60;
    private const int GeneralResolution = 48 * 60;
    private const int HighValueFirstResponse = 30;
    private const int HighValueResolution = 8 * 60;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var calendar = await system.Gateway.CreateAroundTheClockCalendarAsync();
        await system.Gateway.SetPolicyAsync("General", calendar, GeneralFirstResponse, GeneralResolution);
        await system.Gateway.SetPolicyAsync("HighValue", calendar, HighValueFirstResponse, HighValueResolution);
    }

    /// <summary>Every other test runs on the real clock again.</summary>
    public async ValueTask DisposeAsync() => await system.Gateway.SetClockOffsetAsync(0);

    [Fact]
    public async Task A_high_value_customer_gets_the_faster_policy_and_a_tier_change_re_plans_open_tickets()
    {
        var general = await system.CreateSupportedCustomerAsync();
        var highValue = await system.CreateSupportedCustomerAsync();
        await system.MakeHighValueAsync(highValue);

        var (generalTicket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(general));
        var (fastTicket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(highValue));

        ShouldBePlanned(generalTicket, GeneralFirstResponse, GeneralResolution);
        ShouldBePlanned(fastTicket, HighValueFirstResponse, HighValueResolution);
        fastTicket["sla"]!["policyId"]!.GetValue<Guid>().ShouldNotBe(generalTicket["sla"]!["policyId"]!.GetValue<Guid>());
        fastTicket["sla"]!["firstResponse"]!["breached"]!.GetValue<bool>().ShouldBeFalse();
        fastTicket["sla"]!["firstResponse"]!["remaining"].Span().ShouldBeInRange(TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));

        await system.MakeHighValueAsync(general);

        await Eventually.HoldsAsync(async () =>
            (await system.Gateway.ReadTicketAsync(generalTicket.IdOf())).Ticket!["sla"]!["firstResponse"]!["target"].Span() == TimeSpan.FromMinutes(HighValueFirstResponse),
            TimeSpan.FromSeconds(10), "the open ticket is re-planned on the faster policy");
        ShouldBePlanned((await system.Gateway.ReadTicketAsync(generalTicket.IdOf())).Ticket!, HighValueFirstResponse, HighValueResolution);
    }

    [Fact]
    public async Task Waiting_on_the_customer_stops_the_resolution_clock_and_moves_the_due_time()
    {
        var (ticket, etag) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(await system.CreateSupportedCustomerAsync()));
        var id = ticket.IdOf();
        var planned = ticket["sla"]!["resolution"]!["dueAt"].Time();

        (ticket, etag) = await system.Gateway.MoveAsync(id, "Pending", etag);
        var pendingSince = ticket["updatedAt"].Time();
        ticket["sla"]!["resolution"]!["paused"]!.GetValue<bool>().ShouldBeTrue();
        ticket["sla"]!["resolution"]!["dueAt"].ShouldBeNull();
        var remaining = ticket["sla"]!["resolution"]!["remaining"].Span();

        await system.Gateway.MoveClockToAsync(pendingSince.AddHours(5));
        (await system.Gateway.ReadTicketAsync(id)).Ticket!["sla"]!["resolution"]!["remaining"].Span().ShouldBe(remaining, TimeSpan.FromMilliseconds(1));
        (ticket, _) = await system.Gateway.MoveAsync(id, "Open", etag);

        var resumedAt = ticket["updatedAt"].Time();
        (resumedAt - pendingSince).ShouldBeGreaterThan(TimeSpan.FromHours(5) - TimeSpan.FromSeconds(1));
        ticket["sla"]!["resolution"]!["paused"]!.GetValue<bool>().ShouldBeFalse();
        ticket["sla"]!["resolution"]!["dueAt"].Time().ShouldBeAbout(planned + (resumedAt - pendingSince));
        ticket["sla"]!["firstResponse"]!["dueAt"].Time().ShouldBeAbout(ticket["createdAt"].Time().AddMinutes(GeneralFirstResponse));
    }

    [Fact]
    public async Task A_missed_first_response_is_detected_within_seconds_and_escalated_to_the_team_lead()
    {
        var team = await system.CreateTeamAsync();
        var leadUser = await system.CreateUserAsync([CrmRoles.SupportLead], team);
        await system.WaitForSupportCopyAsync(leadUser);
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        var (ticket, _) = await agent.CreateTicketAsync(SupportRequests.NewTicket(await system.CreateSupportedCustomerAsync()));
        var id = ticket.IdOf();
        var due = ticket["sla"]!["firstResponse"]!["dueAt"].Time();
        ticket["priority"]!.GetValue<string>().ShouldBe("High");

        await system.Gateway.MoveClockToAsync(due.AddMilliseconds(200));

        await Eventually.HoldsAsync(async () => (await agent.ReadTicketAsync(id)).Ticket!["sla"]!["firstResponse"]!["breachedAt"] is not null,
            TimeSpan.FromSeconds(10), "the breach is detected");
        var (_, breached, _) = await agent.ReadTicketAsync(id);
        var firstResponse = breached!["sla"]!["firstResponse"]!;
        firstResponse["breached"]!.GetValue<bool>().ShouldBeTrue();
        (firstResponse["breachedAt"].Time() - due).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromSeconds(5));
        breached["priority"]!.GetValue<string>().ShouldBe("Urgent", "escalation raises the priority one step");
        breached["sla"]!["resolution"]!["breached"]!.GetValue<bool>().ShouldBeFalse();

        await Eventually.HoldsAsync(async () => await OutboxCountAsync("TicketSlaBreached", id, "target", "FirstResponse") == 1
            && await OutboxCountAsync("TicketEscalated", id, "priority", "Urgent") == 1
            && await OutboxCountAsync("TicketSlaWarning", id, "target", "FirstResponse") == 1,
            TimeSpan.FromSeconds(10), "warning, breach and escalation are published once each");
        (await system.CountAsync("supportdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.TicketEscalated' and payload->>'ticketId' = @id " +
            "and payload->'teamLeadIds' = jsonb_build_array(@lead::text) and payload->>'previousPriority' = 'High'",
            ("id", id.ToString()), ("lead", leadUser.Id.ToString()))).ShouldBe(1, "the escalation names the team's lead");
        // The dispatcher relays the committed event a moment later; waiting for it shows the escalation actually left.
        await Eventually.HoldsAsync(async () => await system.CountAsync("supportdb",
                "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.TicketEscalated' and payload->>'ticketId' = @id " +
                "and dispatched_at is not null", ("id", id.ToString())) == 1,
            TimeSpan.FromSeconds(10), "the escalation is published to the broker");
        await Eventually.HoldsAsync(async () => (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, breached["customerId"]!.GetValue<Guid>()))
                .Any(entry => entry["kind"]!.GetValue<string>() == "ticket.sla-breached"),
            TimeSpan.FromSeconds(10), "the breach is on the customer's timeline");
    }

    [Fact]
    public async Task Only_administrators_change_calendars_and_policies_and_bad_ones_are_400s()
    {
        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], await system.CreateTeamAsync()));
        using var refused = await lead.PostAsJsonAsync("/api/support/calendars", new { name = "Mine", timeZoneId = "UTC", alwaysOpen = true }, Token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await lead.GetAsync("/api/support/sla-policies", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var badZone = await system.Gateway.PostAsJsonAsync("/api/support/calendars",
            new { name = "Office", timeZoneId = "Mars/Olympus", hours = new[] { new { day = "Monday", start = "09:00:00", end = "17:00:00" } } }, Token);
        (await Problems.ShouldBeCleanProblemAsync(badZone, 400)).GetProperty("errors").TryGetProperty("timeZoneId", out _).ShouldBeTrue();

        using var noHours = await system.Gateway.PostAsJsonAsync("/api/support/calendars", new { name = "Office", timeZoneId = "Europe/Berlin" }, Token);
        await Problems.ShouldBeCleanProblemAsync(noHours, 400);

        var calendar = await system.Gateway.CreateAroundTheClockCalendarAsync();
        using var missingPriority = await system.Gateway.PostAsJsonAsync("/api/support/sla-policies", new
        {
            name = "Partial", tier = "Potential", calendarId = calendar,
            targets = new[] { new { priority = "High", firstResponseMinutes = 10, resolutionMinutes = 60 } },
        }, Token);
        (await Problems.ShouldBeCleanProblemAsync(missingPriority, 400)).GetProperty("errors").TryGetProperty("targets", out _).ShouldBeTrue();

        using var secondGeneral = await system.Gateway.PostAsJsonAsync("/api/support/sla-policies", new
        {
            name = "Another general", tier = "General", calendarId = calendar,
            targets = SupportSla.Priorities.Select(priority => new { priority, firstResponseMinutes = 10, resolutionMinutes = 60 }).ToArray(),
        }, Token);
        await Problems.ShouldBeCleanProblemAsync(secondGeneral, 409);
    }

    private static void ShouldBePlanned(JsonObject ticket, int firstResponseMinutes, int resolutionMinutes)
    {
        var createdAt = ticket["createdAt"].Time();
        ticket["sla"]!["firstResponse"]!["target"].Span().ShouldBe(TimeSpan.FromMinutes(firstResponseMinutes));
        ticket["sla"]!["firstResponse"]!["dueAt"].Time().ShouldBeAbout(createdAt.AddMinutes(firstResponseMinutes));
        ticket["sla"]!["resolution"]!["target"].Span().ShouldBe(TimeSpan.FromMinutes(resolutionMinutes));
        ticket["sla"]!["resolution"]!["dueAt"].Time().ShouldBeAbout(createdAt.AddMinutes(resolutionMinutes));
    }

    private Task<long> OutboxCountAsync(string eventName, Guid ticketId, string field, string value) =>
        system.CountAsync("supportdb",
            $"select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.{eventName}' and payload->>'ticketId' = @id and payload->>@field = @value",
            ("id", ticketId.ToString()), ("field", field), ("value", value));
}

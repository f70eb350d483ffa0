using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>
/// An administrator's change of an SLA policy or a business calendar re-plans open tickets' targets and their timers,
/// in a background re-plan whose progress the change's response links to.
/// </summary>
public sealed class SupportReplanTests(CrmSystemFixture system) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Guid calendar;

    public async ValueTask InitializeAsync()
    {
        calendar = await system.Gateway.CreateAroundTheClockCalendarAsync();
        await system.Gateway.SetPolicyAsync("General", calendar, firstResponseMinutes: 240, resolutionMinutes: 2880);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_changed_policy_re_plans_open_tickets_and_their_breach_timers()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var (open, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var (closed, etag) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        (_, etag) = await system.Gateway.MoveAsync(closed.IdOf(), "Resolved", etag);
        await system.Gateway.MoveAsync(closed.IdOf(), "Closed", etag);
        var createdAt = open["createdAt"].Time();

        await system.Gateway.SetPolicyAsync("General", calendar, firstResponseMinutes: 30, resolutionMinutes: 120);

        var sla = (await system.Gateway.ReadTicketAsync(open.IdOf())).Ticket!["sla"]!;
        sla["firstResponse"]!["target"].Span().ShouldBe(TimeSpan.FromMinutes(30));
        var firstDue = sla["firstResponse"]!["dueAt"].Time();
        firstDue.ShouldBeAbout(createdAt.AddMinutes(30));
        sla["resolution"]!["dueAt"].Time().ShouldBeAbout(createdAt.AddMinutes(120));
        (await BreachTimersAsync(open.IdOf(), firstDue)).ShouldBe(1, "the new deadline has its durable breach timer");
        (await system.Gateway.ReadTicketAsync(closed.IdOf())).Ticket!["sla"]!["firstResponse"]!["target"].Span()
            .ShouldBe(TimeSpan.FromMinutes(240), "a closed ticket keeps the targets it was judged by");
    }

    [Fact]
    public async Task A_changed_calendar_re_plans_open_tickets_on_its_new_hours()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var (ticket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var createdAt = ticket["createdAt"].Time();
        var today = DateOnly.FromDateTime(createdAt.UtcDateTime);

        // Working all day every day, except today and tomorrow: the clock starts at midnight the day after tomorrow.
        using var read = await system.Gateway.GetAsync($"/api/support/calendars/{calendar}", Token);
        var body = new
        {
            name = $"Closed for two days {Guid.NewGuid():N}",
            timeZoneId = "UTC",
            alwaysOpen = false,
            hours = Enum.GetValues<DayOfWeek>().Select(day => new { day = day.ToString(), start = "00:00:00", end = "00:00:00" }).ToArray(),
            holidays = new[] { today, today.AddDays(1) },
        };
        using var changed = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/calendars/{calendar}", body, read.Headers.ETag!.Tag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync(Token));
        var queued = (await changed.Content.ReadFromJsonAsync<JsonObject>(Token))!["replan"]!;
        queued["calendarId"]!.GetValue<Guid>().ShouldBe(calendar);
        queued["state"]!.GetValue<string>().ShouldBe("Queued", "the request only commits the change and queues the re-plan");
        var replan = await system.Gateway.ReplanCompletedAsync(queued);
        replan["replanned"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        replan["completedAt"].Time().ShouldBeGreaterThanOrEqualTo(replan["requestedAt"].Time());
        (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/support/sla-replans", Token))!
            .Select(row => row!["id"]!.GetValue<Guid>()).ShouldContain(queued["id"]!.GetValue<Guid>());

        var clockStarts = new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sla = (await system.Gateway.ReadTicketAsync(ticket.IdOf())).Ticket!["sla"]!;
        var firstDue = sla["firstResponse"]!["dueAt"].Time();
        firstDue.ShouldBeAbout(clockStarts.AddMinutes(240));
        sla["resolution"]!["dueAt"].Time().ShouldBeAbout(clockStarts.AddMinutes(2880));
        (await BreachTimersAsync(ticket.IdOf(), firstDue)).ShouldBe(1);
    }

    private Task<long> BreachTimersAsync(Guid ticketId, DateTimeOffset deadline) =>
        system.CountAsync("supportdb",
            "select count(*) from timers where subject_id = @id and kind = 'FirstResponseBreach' and abs(extract(epoch from (deadline - @deadline))) < 0.001",
            ("id", ticketId), ("deadline", deadline.ToUniversalTime()));
}

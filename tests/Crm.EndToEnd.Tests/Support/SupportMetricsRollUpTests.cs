using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>
/// The roll-up the metrics read (ticket_figures: day rows and month rows, kept by triggers on tickets) stays equal to a
/// direct computation over the tickets after creates, replies, resolutions, a reopen, a category change, a move to another
/// team and an erasure, over several days of the service's test clock.
/// </summary>
public sealed class SupportMetricsRollUpTests(CrmSystemFixture system) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await system.Gateway.SetPolicyAsync("General", await system.Gateway.CreateAroundTheClockCalendarAsync(), firstResponseMinutes: 60, resolutionMinutes: 240);

    public async ValueTask DisposeAsync() => await system.Gateway.SetClockOffsetAsync(0);

    [Fact]
    public async Task The_daily_roll_up_equals_the_figures_computed_from_the_tickets_after_every_kind_of_write()
    {
        var (teamA, teamB) = (await system.CreateTeamAsync(), await system.CreateTeamAsync());
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], teamA));
        var other = await system.CreateUserAsync([CrmRoles.SupportAgent], teamB);
        await system.WaitForSupportCopyAsync(other);
        var erased = await system.CreateSupportedCustomerAsync();
        var kept = await system.CreateSupportedCustomerAsync();
        var (start, _) = await system.Gateway.ServiceClockAsync();

        var tickets = new List<Guid>();
        foreach (var (customer, category) in new[] { (erased, "Complaint"), (kept, "Complaint"), (kept, "Question"), (kept, "Incident") })
        {
            var body = SupportRequests.NewTicket(customer);
            body["category"] = category;
            tickets.Add((await agent.CreateTicketAsync(body)).Ticket.IdOf());
        }

        await system.Gateway.MoveClockToAsync(start.AddHours(26));
        // The SLA timers of all four fire now and save the tickets; write only after them, so no If-Match goes stale.
        foreach (var ticket in tickets)
        {
            await Eventually.HoldsAsync(async () => (await agent.ReadTicketAsync(ticket)).Ticket!["sla"]!["resolution"]!["breachedAt"] is not null,
                TimeSpan.FromSeconds(20), "the ticket's first-response and resolution breaches are recorded");
        }

        await agent.AddCommentAsync(tickets[0], "On it.", "Public");
        await agent.MoveAsync(tickets[0], "Resolved", (await agent.ReadTicketAsync(tickets[0])).ETag!);
        await agent.AddCommentAsync(tickets[1], "Looking.", "Public");
        var (_, etag) = await agent.MoveAsync(tickets[1], "Resolved", (await agent.ReadTicketAsync(tickets[1])).ETag!);
        await agent.MoveAsync(tickets[1], "Open", etag);
        var (_, question, questionEtag) = await agent.ReadTicketAsync(tickets[2]);
        var edit = SupportRequests.NewTicket(kept, question!["subject"]!.GetValue<string>());
        edit["category"] = "Incident";
        using (var moved = await agent.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{tickets[2]}", edit, questionEtag))
        {
            moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var reassigned = await system.Gateway.AssignAsync(tickets[3], other.Id, (await system.Gateway.ReadTicketAsync(tickets[3])).ETag))
        {
            reassigned.StatusCode.ShouldBe(HttpStatusCode.OK, "the ticket moves to the other team");
        }

        await system.Gateway.MoveClockToAsync(start.AddHours(50));
        await agent.MoveAsync(tickets[1], "Resolved", (await agent.ReadTicketAsync(tickets[1])).ETag!);
        await EraseAsync(erased);
        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadTicketAsync(tickets[0])).Ticket!["subject"]!.GetValue<string>() == "[erased]",
            TimeSpan.FromSeconds(10), "the ticket is anonymised");

        foreach (var (span, firstDay) in new (int, Func<string, string>)[] { (0, DayOf), (1, MonthOf) })
        {
            (await system.CountAsync("supportdb", Mismatches(span, firstDay))).ShouldBe(0, $"every roll-up row of span {span} equals the direct computation");
            (await system.CountAsync("supportdb", HistogramMismatches(span, firstDay))).ShouldBe(0, $"every histogram bucket of span {span} equals the direct count");
            (await system.CountAsync("supportdb",
                "select coalesce(sum(created), 0) from ticket_figures where span = @span and grain = 1 and team_id = @team", ("span", (short)span), ("team", teamA)))
                .ShouldBe(3);
        }

        var (end, _) = await system.Gateway.ServiceClockAsync();
        var period = $"from={Uri.EscapeDataString(start.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(end.AddHours(1).ToString("O"))}";
        var metrics = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/metrics?{period}&teamId={teamA}&interval=month", Token))!;
        metrics["firstResponse"]!["count"]!.GetValue<int>().ShouldBe(2);
        metrics["resolution"]!["count"]!.GetValue<int>().ShouldBe(2, "each ticket counts once, at its latest resolution");
        metrics["sla"]!["firstResponse"]!["targets"]!.GetValue<int>().ShouldBe(3, "two answered late or in time and one breached");
        metrics["createdByCategory"]!.AsArray().Sum(row => row!["count"]!.GetValue<int>()).ShouldBe(3, "the reassigned ticket left the team");
        var incidents = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/metrics?{period}&teamId={teamA}&category=Incident", Token))!;
        incidents["createdByCategory"]!.AsArray().Sum(row => row!["count"]!.GetValue<int>()).ShouldBe(1, "the question moved to Incident");
    }

    private async Task EraseAsync(Guid customerId)
    {
        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{customerId}/erase");
        using (var read = await system.Gateway.GetAsync($"/api/customers/{customerId}", Token))
        {
            erase.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        }

        (await system.Gateway.SendAsync(erase, Token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>The first day of the span an instant column falls in: its UTC day, or its UTC month.</summary>
    private static string DayOf(string instant) => $"({instant} AT TIME ZONE 'UTC')::date";

    private static string MonthOf(string instant) => $"date_trunc('month', {instant} AT TIME ZONE 'UTC')::date";

    private const string Direct = """
        WITH timed AS (
            SELECT t.*, floor(extract(epoch FROM first_response_at - created_at) * 1000)::bigint AS answered,
                   floor(extract(epoch FROM resolved_at - created_at) * 1000)::bigint AS took
            FROM tickets t),
        scoped AS (
            SELECT 0::smallint AS grain, '00000000-0000-0000-0000-000000000000'::uuid AS scope, timed.* FROM timed
            UNION ALL SELECT 1::smallint, timed.team_id, timed.* FROM timed WHERE team_id IS NOT NULL)
        """;

    private static string Mismatches(int span, Func<string, string> firstDay) => Direct + $"""
        , created AS (
            SELECT grain, scope, {firstDay("created_at")} AS day, category, count(*) AS n, count(answered) AS answered,
                coalesce(sum(answered), 0) AS answered_ms,
                count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND (first_response_at IS NOT NULL OR first_response_breached_at IS NOT NULL)) AS frt,
                count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND first_response_breached_at IS NULL AND first_response_at <= first_response_due_at) AS frm,
                count(*) FILTER (WHERE resolution_target IS NOT NULL AND (resolved_at IS NOT NULL OR resolution_breached_at IS NOT NULL)) AS rt,
                count(*) FILTER (WHERE resolution_target IS NOT NULL AND resolved_at IS NOT NULL AND resolution_breached_at IS NULL) AS rm
            FROM scoped GROUP BY 1, 2, 3, 4),
        resolved AS (
            SELECT grain, scope, {firstDay("resolved_at")} AS day, category, count(*) AS n, sum(took) AS took_ms
            FROM scoped WHERE resolved_at IS NOT NULL GROUP BY 1, 2, 3, 4),
        direct AS (
            SELECT coalesce(c.grain, r.grain) AS grain, coalesce(c.scope, r.scope) AS team_id, coalesce(c.day, r.day) AS day,
                coalesce(c.category, r.category)::text AS category, coalesce(c.n, 0)::int AS created, coalesce(c.answered, 0)::int AS first_responses,
                coalesce(c.answered_ms, 0)::bigint AS first_response_ms, coalesce(c.frt, 0)::int AS frt, coalesce(c.frm, 0)::int AS frm,
                coalesce(c.rt, 0)::int AS rt, coalesce(c.rm, 0)::int AS rm, coalesce(r.n, 0)::int AS resolved, coalesce(r.took_ms, 0)::bigint AS resolution_ms
            FROM created c FULL JOIN resolved r ON (c.grain, c.scope, c.day, c.category) = (r.grain, r.scope, r.day, r.category)),
        stored AS (
            SELECT grain, team_id, first_day, category::text, created, first_responses, first_response_milliseconds, first_response_targets, first_response_met,
                resolution_targets, resolution_met, resolved, resolution_milliseconds
            FROM ticket_figures
            WHERE span = {span} AND (created <> 0 OR first_responses <> 0 OR resolved <> 0 OR first_response_targets <> 0 OR resolution_targets <> 0))
        SELECT count(*) FROM ((SELECT * FROM stored EXCEPT SELECT * FROM direct) UNION ALL (SELECT * FROM direct EXCEPT SELECT * FROM stored)) AS differences
        """;

    private static string HistogramMismatches(int span, Func<string, string> firstDay) => Direct + $"""
        , direct AS (
            SELECT grain, scope AS team_id, {firstDay("created_at")} AS day, category::text, 'first' AS kind, ticket_figures_bucket(answered) AS bucket, count(*)::int AS n
            FROM scoped WHERE answered IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
            UNION ALL
            SELECT grain, scope, {firstDay("resolved_at")}, category::text, 'resolution', ticket_figures_bucket(took), count(*)::int
            FROM scoped WHERE resolved_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6),
        stored AS (
            SELECT f.grain, f.team_id, f.first_day, f.category::text, 'first' AS kind, (b.i - 1)::int AS bucket, b.n
            FROM ticket_figures f CROSS JOIN LATERAL unnest(f.first_response_histogram) WITH ORDINALITY AS b(n, i) WHERE f.span = {span} AND b.n <> 0
            UNION ALL
            SELECT f.grain, f.team_id, f.first_day, f.category::text, 'resolution', (b.i - 1)::int, b.n
            FROM ticket_figures f CROSS JOIN LATERAL unnest(f.resolution_histogram) WITH ORDINALITY AS b(n, i) WHERE f.span = {span} AND b.n <> 0)
        SELECT count(*) FROM ((SELECT * FROM stored EXCEPT SELECT * FROM direct) UNION ALL (SELECT * FROM direct EXCEPT SELECT * FROM stored)) AS differences
        """;
}

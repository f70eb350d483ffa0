using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>
/// Service-quality metrics over one team's tickets whose times are set with the test clock: three tickets created
/// together, first replies after 10, 30 and 90 minutes (the last one late, so escalated), two resolved after 30 and 90 minutes,
/// two survey answers. Expected times are computed from each ticket's own recorded times, so seconds between the
/// creations on a busy machine do not matter.
/// </summary>
public sealed partial class SupportMetricsTests(CrmSystemFixture system) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await system.Gateway.SetPolicyAsync("General", await system.Gateway.CreateAroundTheClockCalendarAsync(), firstResponseMinutes: 60, resolutionMinutes: 240);

    public async ValueTask DisposeAsync() => await system.Gateway.SetClockOffsetAsync(0);

    [Fact]
    public async Task Metrics_report_exact_backlog_times_sla_compliance_csat_and_tickets_per_category()
    {
        var team = await system.CreateTeamAsync();
        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], team));
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        var emails = new[] { $"m1-{Guid.NewGuid():N}@example.test", $"m2-{Guid.NewGuid():N}@example.test", $"m3-{Guid.NewGuid():N}@example.test" };
        var (start, _) = await system.Gateway.ServiceClockAsync();
        var customers = new List<Guid>();
        foreach (var email in emails)
        {
            customers.Add(await CustomerWithEmailAsync(email));
        }

        // Created back to back, so each ticket's times count from (nearly) the same instant.
        var tickets = new List<Guid>();
        foreach (var (customer, category, priority) in new[] { (customers[0], "Complaint", "High"), (customers[1], "Complaint", "High"), (customers[2], "Question", "Low") })
        {
            var body = SupportRequests.NewTicket(customer);
            body["category"] = category;
            body["priority"] = priority;
            var (ticket, _) = await agent.CreateTicketAsync(body);
            tickets.Add(ticket.IdOf());
        }

        var createdAt = (await agent.ReadTicketAsync(tickets[0])).Ticket!["createdAt"].Time();
        await system.Gateway.MoveClockToAsync(createdAt.AddMinutes(10));
        await agent.AddCommentAsync(tickets[0], "On it.", "Public");
        await system.Gateway.MoveClockToAsync(createdAt.AddMinutes(30));
        await agent.AddCommentAsync(tickets[1], "On it.", "Public");
        await agent.MoveAsync(tickets[0], "Resolved", (await agent.ReadTicketAsync(tickets[0])).ETag!);
        await system.Gateway.MoveClockToAsync(createdAt.AddMinutes(90));
        await agent.MoveAsync(tickets[1], "Resolved", (await agent.ReadTicketAsync(tickets[1])).ETag!);
        await Eventually.HoldsAsync(async () => (await agent.ReadTicketAsync(tickets[2])).Ticket!["sla"]!["firstResponse"]!["breachedAt"] is not null,
            TimeSpan.FromSeconds(10), "the third ticket's late first response is detected");
        await agent.AddCommentAsync(tickets[2], "Sorry for the wait.", "Public");
        await AnswerSurveyAsync(emails[0], 5);
        await AnswerSurveyAsync(emails[1], 2);

        var (end, _) = await system.Gateway.ServiceClockAsync();
        var period = $"from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(end.AddMinutes(1).ToString("O"))}";
        var metrics = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/metrics?{period}&teamId={team}", Token))!;
        var asLead = (await lead.GetFromJsonAsync<JsonObject>($"/api/support/metrics?{period}", Token))!;

        JsonNode.DeepEquals(asLead, metrics).ShouldBeTrue("a lead gets its own team's figures");
        (await agent.GetAsync($"/api/support/metrics?{period}", Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        metrics["backlog"]!.ToJsonString().ShouldBe("""[{"status":"New","priority":"Normal","count":1}]""", "the late Low ticket was escalated to Normal");
        // Each ticket's times count from its own creation, which may lag the first one's by seconds on a busy machine.
        var read = new List<JsonObject>();
        foreach (var ticket in tickets)
        {
            read.Add((await agent.ReadTicketAsync(ticket)).Ticket!);
        }

        ShouldMatch(metrics["firstResponse"]!, [.. read.Select(t => (t["firstResponseAt"].Time() - t["createdAt"].Time()).TotalMinutes)]);
        ShouldMatch(metrics["resolution"]!, [.. read.Where(t => t["resolvedAt"] is not null).Select(t => (t["resolvedAt"].Time() - t["createdAt"].Time()).TotalMinutes)]);
        metrics["firstResponse"]!["averageMinutes"]!.GetValue<double>().ShouldBe(43.3, 0.15, "replies after about 10, 30 and 90 minutes");
        metrics["sla"]!.ToJsonString().ShouldBe(
            """{"firstResponse":{"targets":3,"met":2,"percent":66.7},"resolution":{"targets":2,"met":2,"percent":100},"overall":{"targets":5,"met":4,"percent":80}}""");
        metrics["csat"]!.ToJsonString().ShouldBe("""{"answers":2,"average":3.5}""");
        var week = DateOnly.FromDateTime(createdAt.UtcDateTime);
        week = week.AddDays(-(((int)week.DayOfWeek + 6) % 7));
        metrics["createdByCategory"]!.ToJsonString().ShouldBe(
            $$"""[{"periodStart":"{{week:yyyy-MM-dd}}","category":"Complaint","categoryName":"Complaint","count":2},{"periodStart":"{{week:yyyy-MM-dd}}","category":"Question","categoryName":"Question","count":1}]""");
    }

    /// <summary>
    /// The count, the exact average to one decimal, and a p90 that is the documented histogram bound: not below the
    /// exact nearest-rank value and less than 9.1 % above it.
    /// </summary>
    private static void ShouldMatch(JsonNode stats, double[] minutes)
    {
        stats["count"]!.GetValue<int>().ShouldBe(minutes.Length);
        stats["averageMinutes"]!.GetValue<double>().ShouldBe(Math.Round(minutes.Average(), 1), 0.051);
        var exact = minutes.Order().ElementAt((int)Math.Ceiling(0.9 * minutes.Length) - 1);
        stats["p90Minutes"]!.GetValue<double>().ShouldBeInRange(Math.Round(exact, 1) - 0.05, exact * 1.091 + 0.05);
    }

    private async Task<Guid> CustomerWithEmailAsync(string email)
    {
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Metric Person {Guid.NewGuid():N}", email });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", id), TimeSpan.FromSeconds(10), "support has the customer");
        return id;
    }

    private async Task AnswerSurveyAsync(string email, int rating)
    {
        var mail = await system.Mail.WaitForAsync(email);
        var link = new Uri(SurveyLink().Match(mail.TextBody.ShouldNotBeNull()).Value);
        using var answered = await system.Anonymous.PostAsJsonAsync(link.PathAndQuery, new { rating }, Token);
        answered.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [GeneratedRegex(@"https?://\S+/api/support/surveys/\S+")]
    private static partial Regex SurveyLink();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>Resolving a ticket mails a signed survey link; the one answer reaches the statistics and the customer's timeline.</summary>
public sealed partial class SupportSatisfactionTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resolved_ticket_mails_a_survey_whose_one_answer_shows_in_stats_and_on_the_customers_timeline()
    {
        var email = $"csat-{Guid.NewGuid():N}@example.test";
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Sam Survey {Guid.NewGuid():N}", email });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customerId = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", customerId), TimeSpan.FromSeconds(10), "support has the customer");
        var team = await system.CreateTeamAsync();
        var agentUser = await system.CreateUserAsync([CrmRoles.SupportAgent], team);
        using var agent = await system.SignedInAsync(agentUser);
        var body = SupportRequests.NewTicket(customerId);
        body["category"] = "ServiceRequest";
        var (ticket, etag) = await agent.CreateTicketAsync(body);
        var id = ticket.IdOf();

        await agent.MoveAsync(id, "Resolved", etag);

        var mail = await system.Mail.WaitForAsync(email);
        var link = new Uri(SurveyLink().Match(mail.TextBody.ShouldNotBeNull()).Value);
        link.GetLeftPart(UriPartial.Authority).ShouldBe(system.App.GetEndpoint("gateway").GetLeftPart(UriPartial.Authority), "links point at the gateway");
        var path = link.PathAndQuery;
        var tampered = path[..^2] + (path[^2] == 'A' ? "B" : "A") + path[^1];

        using var forged = await system.Anonymous.PostAsJsonAsync(tampered, new { rating = 5 }, Token);
        using var outOfRange = await system.Anonymous.PostAsJsonAsync(path, new { rating = 6 }, Token);
        using var answered = await system.Anonymous.PostAsJsonAsync(path, new { rating = 4, comment = "Quick and friendly" }, Token);
        using var again = await system.Anonymous.PostAsJsonAsync(path, new { rating = 1, comment = "Changed my mind" }, Token);

        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Problems.ShouldBeCleanProblemAsync(outOfRange, 400);
        answered.StatusCode.ShouldBe(HttpStatusCode.NoContent, await answered.Content.ReadAsStringAsync(Token));
        await Problems.ShouldBeCleanProblemAsync(again, 409);
        (await system.Anonymous.GetFromJsonAsync<JsonObject>(path, Token))!["answered"]!.GetValue<bool>().ShouldBeTrue();

        var byAgent = (await system.Gateway.GetFromJsonAsync<JsonArray>($"/api/support/satisfaction?groupBy=agent&teamId={team}", Token))!;
        var row = byAgent.ShouldHaveSingleItem()!;
        row["key"]!.GetValue<string>().ShouldBe(agentUser.Id.ToString());
        row["answers"]!.GetValue<int>().ShouldBe(1);
        row["average"]!.GetValue<double>().ShouldBe(4);
        row["ratings"]!.AsArray().Select(count => count!.GetValue<int>()).ShouldBe([0, 0, 0, 1, 0]);
        var byCategory = (await system.Gateway.GetFromJsonAsync<JsonArray>($"/api/support/satisfaction?groupBy=category&teamId={team}", Token))!;
        byCategory.ShouldHaveSingleItem()!["key"]!.GetValue<string>().ShouldBe("ServiceRequest");
        var byCustomer = (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/support/satisfaction?groupBy=customer", Token))!;
        byCustomer.Single(r => r!["key"]!.GetValue<string>() == customerId.ToString())!["average"]!.GetValue<double>().ShouldBe(4);
        (await agent.GetAsync("/api/support/satisfaction?groupBy=team", Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await Eventually.HoldsAsync(async () => (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, customerId))
                .Any(entry => entry["kind"]!.GetValue<string>() == "ticket.satisfaction-rated"
                    && entry["summary"]!.GetValue<string>() == "Rated support 4 of 5: Quick and friendly"),
            TimeSpan.FromSeconds(10), "the answer is on the customer's timeline");
        (await system.CountAsync("supportdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.TicketSatisfactionRated' and payload->>'ticketId' = @id",
            ("id", id.ToString()))).ShouldBe(1);
    }

    [GeneratedRegex(@"https?://\S+/api/support/surveys/\S+")]
    private static partial Regex SurveyLink();
}

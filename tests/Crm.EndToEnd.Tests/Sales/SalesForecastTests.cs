using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Sales;

/// <summary>The forecast reproduces figures computed by hand, in exact decimals; probability overrides and stage history.</summary>
public sealed class SalesForecastTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_forecast_matches_the_hand_computed_figures_per_month_quarter_and_currency()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var stages = (await rep.DefaultPipelineAsync()).Stages;
        // Negotiation is a commit stage, Proposal best case, Qualification pipeline (the seeded categories).
        await rep.CreateOpportunityAsync(Deal(customerId, 3_800m, "2031-05-10", stages["Negotiation"], probability: 90));
        await rep.CreateOpportunityAsync(Deal(customerId, 22_500m, "2031-05-20", stages["Qualification"], probability: 20));
        await rep.CreateOpportunityAsync(Deal(customerId, 1_000m, "2031-06-15", stages["Proposal"]));
        await rep.CreateOpportunityAsync(Deal(customerId, 1_000m, "2031-05-15", stages["Qualification"], currency: "USD"));

        var months = await ForecastAsync(rep, "period=month&from=2031-01-01&to=2031-12-31");
        var may = Row(months, "2031-05", "EUR");
        // 3,800 × 0.9 + 22,500 × 0.2 = 3,420 + 4,500 = 7,920
        may["weightedPipeline"]!.GetValue<decimal>().ShouldBe(7_920m);
        may["pipeline"]!.GetValue<decimal>().ShouldBe(26_300m);
        may["commit"]!.GetValue<decimal>().ShouldBe(3_800m);
        may["bestCase"]!.GetValue<decimal>().ShouldBe(3_800m);
        may["closedWon"]!.GetValue<decimal>().ShouldBe(0m);
        may["openCount"]!.GetValue<int>().ShouldBe(2);
        Row(months, "2031-05", "USD")["weightedPipeline"]!.GetValue<decimal>().ShouldBe(100m);
        Row(months, "2031-06", "EUR")["weightedPipeline"]!.GetValue<decimal>().ShouldBe(500m);
        months.Count.ShouldBe(3);

        var quarters = await ForecastAsync(rep, "period=quarter&from=2031-01-01&to=2031-12-31");
        var q2 = Row(quarters, "2031-Q2", "EUR");
        q2["weightedPipeline"]!.GetValue<decimal>().ShouldBe(8_420m);
        q2["pipeline"]!.GetValue<decimal>().ShouldBe(27_300m);
        q2["commit"]!.GetValue<decimal>().ShouldBe(3_800m);
        q2["bestCase"]!.GetValue<decimal>().ShouldBe(4_800m);
    }

    [Fact]
    public async Task A_won_deal_counts_as_closed_won_in_the_month_it_was_won_and_its_stage_history_shows_each_stage()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var stages = (await rep.DefaultPipelineAsync()).Stages;
        var (id, etag) = await rep.CreateOpportunityAsync(Deal(customerId, 2_000m, "2031-01-31", stages["Qualification"]));
        using (var proposal = await rep.MoveStageAsync(id, stages["Proposal"], etag))
        {
            proposal.StatusCode.ShouldBe(HttpStatusCode.OK);
            etag = proposal.Headers.ETag!.Tag;
        }

        using (var won = await rep.MoveStageAsync(id, stages["Won"], etag))
        {
            won.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var today = DateTime.UtcNow;
        var thisMonth = await ForecastAsync(rep, $"period=month&from={today:yyyy-MM}-01&to={today.AddMonths(1):yyyy-MM}-01");
        var row = Row(thisMonth, $"{today:yyyy-MM}", "EUR");
        row["closedWon"]!.GetValue<decimal>().ShouldBe(2_000m);
        row["commit"]!.GetValue<decimal>().ShouldBe(2_000m);
        row["wonCount"]!.GetValue<int>().ShouldBe(1);

        var history = (await rep.GetFromJsonAsync<JsonArray>($"{SalesRequests.Opportunities}/{id}/history", Token))!;
        history.Select(visit => visit!["stageName"]!.GetValue<string>()).ShouldBe(["Qualification", "Proposal", "Won"]);
        history.Take(2).ShouldAllBe(visit => visit!["leftAt"] != null);
        history[2]!["leftAt"].ShouldBeNull();
    }

    [Fact]
    public async Task A_probability_override_sticks_across_stage_moves_until_reset()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var stages = (await rep.DefaultPipelineAsync()).Stages;
        var (id, etag) = await rep.CreateOpportunityAsync(Deal(customerId, 1_000m, "2031-02-28", stages["Qualification"], probability: 35));

        using var moved = await rep.MoveStageAsync(id, stages["Proposal"], etag);
        var afterMove = (await moved.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        afterMove["probability"]!.GetValue<int>().ShouldBe(35);
        afterMove["probabilityOverridden"]!.GetValue<bool>().ShouldBeTrue();
        afterMove["weightedAmount"]!.GetValue<decimal>().ShouldBe(350m);

        using var withoutIfMatch = await rep.SendAsync(HttpMethod.Delete, $"{SalesRequests.Opportunities}/{id}/probability", null, etag: null);
        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        using var reset = await rep.SendAsync(HttpMethod.Delete, $"{SalesRequests.Opportunities}/{id}/probability", null, moved.Headers.ETag!.Tag);
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterReset = (await reset.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        afterReset["probability"]!.GetValue<int>().ShouldBe(50);
        afterReset["probabilityOverridden"]!.GetValue<bool>().ShouldBeFalse();
        afterReset["forecastCategory"]!.GetValue<string>().ShouldBe("BestCase");
    }

    [Fact]
    public async Task A_lost_deal_needs_a_reason_from_the_administrators_list()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var stages = (await rep.DefaultPipelineAsync()).Stages;
        var reason = $"Reason {Guid.NewGuid():N}";
        using (var forbidden = await rep.PostAsJsonAsync("/api/sales/lost-reasons", new { name = reason }, Token))
        {
            forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using (var added = await system.Gateway.PostAsJsonAsync("/api/sales/lost-reasons", new { name = reason }, Token))
        {
            added.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var (id, etag) = await rep.CreateOpportunityAsync(Deal(customerId, 1_000m, "2031-02-28", stages["Qualification"]));
        using var unlisted = await rep.MoveStageAsync(id, stages["Lost"], etag, lostReason: "The moon was wrong");
        (await Problems.ShouldBeCleanProblemAsync(unlisted, 400)).GetProperty("errors").TryGetProperty("lostReason", out _).ShouldBeTrue();
        using var lost = await rep.SendAsync(HttpMethod.Post, $"{SalesRequests.Opportunities}/{id}/stage",
            new { stageId = stages["Lost"], lostReason = reason.ToUpperInvariant(), competitor = "Initech" }, etag);
        lost.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await lost.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["lostReason"]!.GetValue<string>().ShouldBe(reason);
        body["competitor"]!.GetValue<string>().ShouldBe("Initech");
    }

    private static object Deal(Guid customerId, decimal amount, string closeDate, Guid stageId, int? probability = null, string currency = "EUR") => new
    {
        name = $"Deal {Guid.NewGuid():N}",
        customerId,
        stageId,
        amount,
        currency,
        expectedCloseDate = closeDate,
        probability,
    };

    private static async Task<JsonArray> ForecastAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/sales/forecast?{query}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["rows"]!.AsArray();
    }

    private static JsonObject Row(JsonArray rows, string label, string currency) =>
        rows.Select(row => row!.AsObject()).Single(row => row["label"]!.GetValue<string>() == label && row["currency"]!.GetValue<string>() == currency);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.Contracts.Marketing;
using Crm.Contracts.Sales;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.EndToEnd.Tests.Support;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Customers;

/// <summary>What a customer is worth, live: purchases, complaints and the administrator's rules move tiers and stages.</summary>
public sealed class CustomerValueTests(CrmSystemFixture system)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The sweep polls every 5 s and then walks every customer the suite has made.</summary>
    private static readonly TimeSpan SweepDeadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_purchase_that_raises_the_tier_publishes_the_change_and_shows_it_on_the_timeline()
    {
        var id = await CreateCustomerAsync(region: "EMEA");
        var before = await ValueAsync(id);
        before["tier"]!.GetValue<string>().ShouldBe("General");
        before["lifecycle"]!.GetValue<string>().ShouldBe("Prospect");

        await RecordPurchaseAsync(id, 60_000m, DateTimeOffset.UtcNow.AddDays(-1));

        var after = await ValueAsync(id);
        after["tier"]!.GetValue<string>().ShouldBe("HighValue");
        after["lifecycle"]!.GetValue<string>().ShouldBe("New");
        after["totalSpend"]!.GetValue<decimal>().ShouldBe(60_000m);
        after["rfm"]!.ToJsonString().ShouldBe("""{"recency":5,"frequency":1,"monetary":5}""");
        var timeline = await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, id);
        timeline.ShouldContain(entry => entry["kind"]!.GetValue<string>() == "customer.tier-changed"
            && entry["summary"]!.GetValue<string>() == "Tier changed from General to HighValue");
        await Eventually.HoldsAsync(async () => await system.CountAsync("customersdb", """
            select count(*) from outbox_messages
            where message_type = 'Crm.Contracts.Customers.CustomerTierChanged' and dispatched_at is not null
              and payload->>'customerId' = @id and payload->>'tier' = 'HighValue' and payload->>'previousTier' = 'General'
            """, ("id", id.ToString())) == 1, EventDeadline, "CustomerTierChanged reached the broker");
    }

    [Fact]
    public async Task Open_complaints_and_low_ratings_put_the_customer_on_the_churn_warning_list_until_resolved()
    {
        var id = await CreateCustomerAsync(region: "EMEA");
        await RecordPurchaseAsync(id, 400m, DateTimeOffset.UtcNow.AddDays(-30));
        var complaints = new List<Guid>();
        foreach (var text in new[] { "Late delivery", "Wrong invoice" })
        {
            using var response = await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/feedback",
                new { kind = "Complaint", rating = 1, text }, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            complaints.Add((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>());
        }

        var value = await ValueAsync(id);
        value["churnRisk"]!.GetValue<int>().ShouldBe(2 * 15 + (3 - 1) * 10);
        var warnings = (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/customers/insights/churn-warnings?minRisk=50&top=100", Token))!;
        var warning = warnings.Single(w => w!["customerId"]!.GetValue<Guid>() == id)!;
        warning["reasons"]!.AsArray().Select(reason => reason!.GetValue<string>()).ShouldBe(["2 open complaints", "Average satisfaction 1.0/5"]);

        using var resolved = await system.Gateway.PostAsync($"/api/customers/{id}/feedback/{complaints[0]}/resolve", null, Token);
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ValueAsync(id))["churnRisk"]!.GetValue<int>().ShouldBe(15 + 20);
        (await system.Gateway.GetFromJsonAsync<JsonArray>("/api/customers/insights/churn-warnings?minRisk=50&top=100", Token))!
            .ShouldNotContain(w => w!["customerId"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task Customers_are_listed_and_summarised_by_tier_and_lifecycle()
    {
        var region = $"Value-{Guid.NewGuid():N}"[..30];
        var big = await CreateCustomerAsync(region);
        var prospect = await CreateCustomerAsync(region);
        await RecordPurchaseAsync(big, 60_000m, DateTimeOffset.UtcNow.AddDays(-2));

        (await ListIdsAsync($"region={region}&tier=HighValue")).ShouldBe([big]);
        (await ListIdsAsync($"region={region}&lifecycle=Prospect")).ShouldBe([prospect]);
        var summary = (await system.Gateway.GetFromJsonAsync<JsonObject>("/api/customers/insights/summary", Token))!;
        var byRegion = summary["byRegion"]!.AsArray().Single(group => group!["key"]!.GetValue<string>() == region)!;
        byRegion["customers"]!.GetValue<int>().ShouldBe(2);
        byRegion["totalSpend"]!.GetValue<decimal>().ShouldBe(60_000m);
        summary["byTier"]!.AsArray().ShouldContain(group => group!["key"]!.GetValue<string>() == "HighValue");

        using var badTier = await system.Gateway.GetAsync("/api/customers?tier=Gold", Token);
        var problem = await Problems.ShouldBeCleanProblemAsync(badTier, 400);
        problem.GetRawText().ShouldContain("tier");
    }

    [Fact]
    public async Task An_administrator_changing_the_rules_revalues_existing_customers_and_nobody_else_may()
    {
        var region = $"Rules-{Guid.NewGuid():N}"[..30];
        var id = await CreateCustomerAsync(region);
        await RecordPurchaseAsync(id, 100m, DateTimeOffset.UtcNow.AddDays(-3));
        (await ValueAsync(id))["tier"]!.GetValue<string>().ShouldBe("General");
        using var read = await system.Gateway.GetAsync("/api/customers/value-rules", Token);
        var original = (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        var changed = original.DeepClone().AsObject();
        changed["tiers"]!.AsArray().Insert(0, new JsonObject { ["tier"] = "HighValue", ["regions"] = new JsonArray(region) });

        using var withoutIfMatch = await system.Gateway.PutAsJsonAsync("/api/customers/value-rules", changed, Token);
        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        using var manager = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));
        using var forbidden = await PutRulesAsync(manager, changed, read.Headers.ETag!.Tag);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var invalid = changed.DeepClone().AsObject();
        invalid["rfm"]!["recencyDays"] = new JsonArray(30, 20, 90);
        using var badRules = await PutRulesAsync(system.Gateway, invalid, read.Headers.ETag!.Tag);
        (await Problems.ShouldBeCleanProblemAsync(badRules, 400)).GetProperty("errors").TryGetProperty("rfm.recencyDays", out _).ShouldBeTrue();

        using var saved = await PutRulesAsync(system.Gateway, changed, read.Headers.ETag!.Tag);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            using var stale = await PutRulesAsync(system.Gateway, changed, read.Headers.ETag!.Tag);
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
            await Eventually.HoldsAsync(async () => (await ValueAsync(id))["tier"]!.GetValue<string>() == "HighValue", SweepDeadline,
                "the sweep revalued the customer under the new rules");
            var sweep = (await system.Gateway.GetFromJsonAsync<JsonObject>("/api/customers/value-sweep", Token))!;
            sweep["reason"]!.GetValue<string>().ShouldBe("value rules changed");
        }
        finally
        {
            using var restored = await PutRulesAsync(system.Gateway, original, saved.Headers.ETag!.Tag);
            restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_complaint_ticket_and_a_low_satisfaction_answer_from_support_raise_the_churn_risk()
    {
        var email = $"churn-{Guid.NewGuid():N}@example.test";
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Una Happy {Guid.NewGuid():N}", email });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.CreatedIdAsync();
        await RecordPurchaseAsync(id, 400m, DateTimeOffset.UtcNow.AddDays(-30));
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", id), EventDeadline, "support has the customer");
        var ticket = SupportRequests.NewTicket(id);
        ticket["category"] = "Complaint";
        var (opened, etag) = await system.Gateway.CreateTicketAsync(ticket);

        await Eventually.HoldsAsync(async () => Reasons(await ValueAsync(id)).Contains("1 open complaint"), EventDeadline,
            "the complaint ticket counts as an open complaint");
        (await ValueAsync(id))["churnRisk"]!.GetValue<int>().ShouldBe(15);

        await system.Gateway.MoveAsync(opened.IdOf(), "Resolved", etag);
        var survey = System.Text.RegularExpressions.Regex.Match((await system.Mail.WaitForAsync(email)).TextBody!, @"https?://\S+/api/support/surveys/\S+");
        using var answered = await system.Anonymous.PostAsJsonAsync(new Uri(survey.Value).PathAndQuery, new { rating = 1, comment = "Took ages" }, Token);
        answered.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await Eventually.HoldsAsync(async () => Reasons(await ValueAsync(id)).SequenceEqual(["Average satisfaction 1.0/5"]), EventDeadline,
            "the resolved ticket's complaint is closed and the survey's rating counts");
        (await ValueAsync(id))["churnRisk"]!.GetValue<int>().ShouldBe((3 - 1) * 10);
        var feedback = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/feedback", Token))!["items"]!.AsArray();
        feedback.Select(f => (f!["kind"]!.GetValue<string>(), f["status"]!.GetValue<string>())).ShouldBe(
            [("SurveyAnswer", "Resolved"), ("Complaint", "Resolved")]);
    }

    [Fact]
    public async Task A_prospect_is_rated_by_its_open_pipeline_and_a_buyer_by_value_created_each_grade_with_its_terms()
    {
        var id = await system.CustomerKnownToSalesAsync();
        var initial = (await ValueAsync(id))["rating"]!;
        (initial["grade"]!.GetValue<string>(), initial["basis"]!.GetValue<string>()).ShouldBe(("D", "PredictedValue"));
        initial["terms"]!.ToJsonString().ShouldBe("""{"creditLimit":0,"paymentDays":14,"servicePriority":"Standard"}""");

        var (deal, _) = await system.Gateway.CreateOpportunityAsync(SalesRequests.NewOpportunity(id, amount: 2_000_000m));
        var probability = (await system.Gateway.ReadOpportunityAsync(deal)).Body["probability"]!.GetValue<int>();
        probability.ShouldBeGreaterThanOrEqualTo(3, "the first stage's probability makes the weighted deal worth at least 60,000");

        await Eventually.HoldsAsync(async () => (await ValueAsync(id))["rating"]!["grade"]!.GetValue<string>() == "A", EventDeadline,
            "the open deal rates the prospect");
        var predicted = (await ValueAsync(id))["rating"]!;
        predicted["ratedValue"]!.GetValue<decimal>().ShouldBe(2_000_000m * probability / 100);
        predicted["terms"]!.ToJsonString().ShouldBe("""{"creditLimit":100000,"paymentDays":60,"servicePriority":"Priority"}""");
        (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, id))
            .ShouldContain(entry => entry["summary"]!.GetValue<string>() == "Rating changed from D to A");
        await Eventually.HoldsAsync(async () => await system.CountAsync("customersdb", """
            select count(*) from outbox_messages
            where message_type = 'Crm.Contracts.Customers.CustomerRatingChanged' and dispatched_at is not null
              and payload->>'customerId' = @id and payload->>'grade' = 'A' and payload->>'previousGrade' = 'D'
            """, ("id", id.ToString())) == 1, EventDeadline, "CustomerRatingChanged reached the broker");

        await RecordPurchaseAsync(id, 2_000m, DateTimeOffset.UtcNow.AddDays(-1));

        var bought = (await ValueAsync(id))["rating"]!;
        (bought["grade"]!.GetValue<string>(), bought["basis"]!.GetValue<string>(), bought["ratedValue"]!.GetValue<decimal>())
            .ShouldBe(("C", "ValueCreated", 2_000m));
        bought["terms"]!.ToJsonString().ShouldBe("""{"creditLimit":5000,"paymentDays":30,"servicePriority":"Normal"}""");
    }

    [Fact]
    public async Task Deal_and_lead_score_events_arriving_out_of_order_leave_the_prospect_rated_by_the_newest()
    {
        const string Consumer = "customers-prospect-signals";
        var id = await CreateCustomerAsync("EMEA");
        var opened = DateTimeOffset.UtcNow;
        var deal = Guid.NewGuid();

        // The deal was lost a minute after it was opened, and the score rose after the hand-off; both arrive newest first.
        await system.ConsumedAsync("customersdb", Consumer, await system.PublishAsync(new OpportunityLost(
            deal, id, "Price", null, Guid.NewGuid(), "Proposal", 2_000_000m, "EUR", Guid.NewGuid(), opened.AddMinutes(1))));
        await system.ConsumedAsync("customersdb", Consumer, await system.PublishAsync(new OpportunityCreated(
            deal, "Late news", id, Guid.NewGuid(), Guid.NewGuid(), "Proposal", 50, 2_000_000m, "EUR",
            DateOnly.FromDateTime(opened.UtcDateTime.AddMonths(1)), Guid.NewGuid(), null, opened)));
        await system.ConsumedAsync("customersdb", Consumer, await system.PublishAsync(new LeadScoreChanged(
            id, 55, 85, "visited pricing (+30)", opened.AddMinutes(1))));
        await system.ConsumedAsync("customersdb", Consumer, await system.PublishAsync(new LeadHandedOff(
            id, id, "Late Lead", null, null, null, "EMEA", null, 55, ["answered a survey (+55)"], null, null, opened)));

        (await system.CountAsync("customersdb", "select count(*) from open_opportunities where opportunity_id = @deal and is_closed",
            ("deal", deal))).ShouldBe(1, "the deal stays lost");
        (await system.CountAsync("customersdb", "select count(*) from lead_scores where customer_id = @id and score = 85",
            ("id", id))).ShouldBe(1, "the newer score stays");
        var perPoint = (await system.Gateway.GetFromJsonAsync<JsonObject>("/api/customers/value-rules", Token))!
            ["rating"]!["valuePerLeadScorePoint"]!.GetValue<decimal>();
        var rating = (await ValueAsync(id))["rating"]!;
        (rating["basis"]!.GetValue<string>(), rating["ratedValue"]!.GetValue<decimal>())
            .ShouldBe(("PredictedValue", 85 * perPoint), "rated by the score of 85 alone, without the lost deal");
    }

    [Fact]
    public async Task Rating_grades_that_leave_customers_without_a_grade_are_a_400_naming_the_field()
    {
        using var read = await system.Gateway.GetAsync("/api/customers/value-rules", Token);
        var rules = (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        rules["rating"]!["grades"]!.AsArray()[^1]!["minValue"] = 500;

        using var response = await PutRulesAsync(system.Gateway, rules, read.Headers.ETag!.Tag);

        var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
        errors.GetProperty("rating.grades")[0].GetString()!.ShouldStartWith("List grades best first");
    }

    private static List<string> Reasons(JsonObject value) =>
        [.. value["churnReasons"]!.AsArray().Select(reason => reason!.GetValue<string>())];

    private async Task<Guid> CreateCustomerAsync(string region)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(CustomerRequests.NewCompany()))!.AsObject();
        body["region"] = region;
        using var created = await system.Gateway.PostCustomerAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await created.CreatedIdAsync();
    }

    private async Task RecordPurchaseAsync(Guid id, decimal amount, DateTimeOffset at)
    {
        using var response = await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/purchases",
            new { purchasedAt = at, amount, currency = "EUR", items = new[] { new { name = "Service", quantity = 1m, unitPrice = amount } } }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<JsonObject> ValueAsync(Guid id) =>
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/value", Token))!;

    private async Task<List<Guid>> ListIdsAsync(string query) =>
        [.. (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers?{query}", Token))!["items"]!.AsArray()
            .Select(item => item!["id"]!.GetValue<Guid>())];

    private static Task<HttpResponseMessage> PutRulesAsync(HttpClient client, JsonObject rules, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/customers/value-rules") { Content = JsonContent.Create(rules) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Token);
    }
}

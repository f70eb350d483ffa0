using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Purchases, interactions and feedback, and the one timeline that shows everything about a customer.</summary>
public sealed class CustomerHistoryTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_timeline_shows_the_customers_changes_purchases_interactions_and_feedback_newest_first()
    {
        var rep = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var client = await system.SignedInAsync(rep);
        using var created = await client.PostCustomerAsync(new { kind = "Company", name = "Timeline Co", region = "EMEA" });
        var id = await created.CreatedIdAsync();
        var body = (await (await client.GetAsync($"/api/customers/{id}", Token)).Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["region"] = "APAC";
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}") { Content = JsonContent.Create(body) };
        update.Headers.IfMatch.Add(created.Headers.ETag!);
        (await client.SendAsync(update, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var now = DateTimeOffset.UtcNow;
        (await client.PostAsJsonAsync($"/api/customers/{id}/purchases", new
        {
            purchasedAt = now.AddMinutes(1), amount = 1250.50m, currency = "EUR",
            items = new[] { new { sku = "W-1", name = "Widget", quantity = 10m, unitPrice = 125.05m } },
        }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/customers/{id}/interactions",
            new { kind = "Call", occurredAt = now.AddMinutes(2), summary = "Discussed the renewal" }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/customers/{id}/feedback",
            new { kind = "Complaint", rating = 2, text = "Late delivery", receivedAt = now.AddMinutes(3) }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var entries = await ReadTimelineAsync(system.Gateway, id, pageSize: 2);

        entries.Select(entry => entry["kind"]!.GetValue<string>()).ShouldBe(
            ["feedback.complaint", "interaction.call", "purchase.recorded", "customer.lifecycle-changed", "customer.rating-changed", "customer.updated",
                "customer.created"]);
        entries[3]["summary"]!.GetValue<string>().ShouldBe("Lifecycle stage changed from Prospect to New");
        entries[4]["summary"]!.GetValue<string>().ShouldBe("Rating changed from D to C");
        var change = entries[5]["data"]!["region"]!;
        change["before"]!.GetValue<string>().ShouldBe("EMEA");
        change["after"]!.GetValue<string>().ShouldBe("APAC");
        entries.ShouldAllBe(entry => entry["service"]!.GetValue<string>() == "customers");
        entries[0]["actorId"]!.GetValue<string>().ShouldBe(rep.Id.ToString());
        entries[2]["summary"]!.GetValue<string>().ShouldBe("Purchase of 1,250.50 EUR");
    }

    [Fact]
    public async Task Purchases_are_listed_with_their_items()
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();
        foreach (var amount in new[] { 10m, 20m, 30m })
        {
            (await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/purchases",
                new { purchasedAt = DateTimeOffset.UtcNow.AddDays(-(double)amount), amount, currency = "USD", items = new[] { new { name = "Thing", quantity = 1m, unitPrice = amount } } },
                Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var page = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/purchases?pageSize=2", Token))!;

        page["totalCount"]!.GetValue<long>().ShouldBe(3);
        page["items"]!.AsArray().Select(item => item!["amount"]!.GetValue<decimal>()).ShouldBe([10m, 20m]);
        page["items"]![0]!["items"]![0]!["name"]!.GetValue<string>().ShouldBe("Thing");
    }

    [Theory]
    [InlineData("""{"purchasedAt":"2026-01-01T00:00:00Z","amount":10,"currency":"euro"}""", "currency")]
    [InlineData("""{"purchasedAt":"2026-01-01T00:00:00Z","amount":-1,"currency":"EUR"}""", "amount")]
    [InlineData("""{"amount":10,"currency":"EUR"}""", "purchasedAt")]
    [InlineData("""{"purchasedAt":"2026-01-01T00:00:00Z","amount":10,"currency":"EUR","items":[{"name":"x","quantity":0,"unitPrice":1}]}""", "items[0].quantity")]
    public async Task A_bad_purchase_is_a_400_naming_the_field(string json, string field)
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();

        using var response = await system.Gateway.PostAsync($"/api/customers/{id}/purchases",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue(errors.GetRawText());
    }

    [Fact]
    public async Task Times_with_any_offset_are_accepted_and_kept_as_the_same_instant()
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();

        using var purchase = await system.Gateway.PostAsync($"/api/customers/{id}/purchases", new StringContent(
            """{"purchasedAt":"2026-05-01T09:00:00+02:00","amount":5,"currency":"EUR"}""", System.Text.Encoding.UTF8, "application/json"), Token);
        using var list = await system.Gateway.GetAsync($"/api/customers?createdFrom={Uri.EscapeDataString("2020-01-01T00:00:00+05:30")}&pageSize=1", Token);

        purchase.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await purchase.Content.ReadFromJsonAsync<JsonObject>(Token))!["purchasedAt"]!.GetValue<DateTimeOffset>()
            .ShouldBe(new DateTimeOffset(2026, 5, 1, 7, 0, 0, TimeSpan.Zero));
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task History_of_an_unknown_customer_is_a_404()
    {
        using var response = await system.Gateway.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/interactions",
            new { kind = "Note", occurredAt = DateTimeOffset.UtcNow, summary = "Nobody" }, Token);
        using var timeline = await system.Gateway.GetAsync($"/api/customers/{Guid.NewGuid()}/timeline", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        timeline.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_marketer_reads_the_timeline_but_records_nothing()
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();
        using var marketer = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.Marketer]));

        using var read = await marketer.GetAsync($"/api/customers/{id}/timeline", Token);
        using var write = await marketer.PostAsJsonAsync($"/api/customers/{id}/feedback", new { kind = "Praise", text = "Nice" }, Token);

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_customer_with_a_history_is_not_deleted()
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();
        (await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/interactions",
            new { kind = "Visit", occurredAt = DateTimeOffset.UtcNow, summary = "Site visit" }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{id}");
        delete.Headers.IfMatch.Add(created.Headers.ETag!);
        using var response = await system.Gateway.SendAsync(delete, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_timeline_cursor_is_a_400()
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        var id = await created.CreatedIdAsync();

        using var response = await system.Gateway.GetAsync($"/api/customers/{id}/timeline?cursor=bogus", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue();
    }

    /// <summary>Follows nextCursor to the end (bounded), returning every entry once.</summary>
    public static async Task<List<JsonNode>> ReadTimelineAsync(HttpClient client, Guid customerId, int pageSize = 50)
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var path = $"/api/customers/{customerId}/timeline?pageSize={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = (await client.GetFromJsonAsync<JsonObject>(path, Token))!;
            entries.AddRange(page["items"]!.AsArray().Select(item => item!));
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        return entries;
    }
}

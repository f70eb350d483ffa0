using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crm.EndToEnd.Tests.Infrastructure;

public static class LeadRequests
{
    public const string Leads = "/api/sales/leads";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static object NewLead(string? email = null, string? region = null, Guid? ownerId = null) => new
    {
        name = $"Lead {Guid.NewGuid():N}",
        company = $"Lead Co {Guid.NewGuid():N}",
        email = email ?? $"lead+{Guid.NewGuid():N}@example.test",
        phone = $"+49 40 {Random.Shared.Next(10_000_000, 99_999_999)}",
        region = region ?? "EMEA",
        source = "Web form",
        ownerId,
    };

    public static async Task<(JsonObject Body, string ETag)> CreateLeadAsync(this HttpClient client, object body)
    {
        using var created = await client.PostAsJsonAsync(Leads, body, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return ((await created.Content.ReadFromJsonAsync<JsonObject>(Token))!, created.Headers.ETag!.Tag);
    }

    public static async Task<(JsonObject Body, string ETag)> ReadLeadAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Leads}/{id}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!, response.Headers.ETag!.Tag);
    }

    /// <summary>The leads <paramref name="query"/> finds (one page of up to 200).</summary>
    public static async Task<JsonArray> FindLeadsAsync(this HttpClient client, string query)
    {
        using var response = await client.GetAsync($"{Leads}?pageSize=200&{query}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["items"]!.AsArray();
    }

    /// <summary>Rows of <paramref name="eventType"/> about <paramref name="leadId"/> in the sales outbox that the dispatcher has published.</summary>
    public static Task<long> DispatchedLeadEventsAsync(this CrmSystemFixture system, string eventType, Guid leadId) =>
        system.CountAsync("salesdb",
            "select count(*) from outbox_messages where message_type = @type and payload->>'leadId' = @id and dispatched_at is not null",
            ("type", $"Crm.Contracts.Sales.{eventType}"), ("id", leadId.ToString()));
}

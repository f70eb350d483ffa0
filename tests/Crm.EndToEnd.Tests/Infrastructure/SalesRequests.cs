using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crm.EndToEnd.Tests.Infrastructure;

public static class SalesRequests
{
    public const string Opportunities = "/api/sales/opportunities";
    public const string Pipelines = "/api/sales/pipelines";

    /// <summary>Events reach the other services within this, even on a loaded two-core machine.</summary>
    public static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static object NewOpportunity(Guid customerId, decimal amount = 1000m, string expectedCloseDate = "2027-03-31",
        Guid? stageId = null, Guid? ownerId = null, string currency = "EUR") => new
    {
        name = $"Deal {Guid.NewGuid():N}",
        customerId,
        stageId,
        amount,
        currency,
        expectedCloseDate,
        source = "Referral",
        ownerId,
    };

    /// <summary>A customer created in the customer service, once the sales service has its copy.</summary>
    public static async Task<Guid> CustomerKnownToSalesAsync(this CrmSystemFixture system)
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("sales", id), EventDeadline, "sales has the customer's copy");
        return id;
    }

    /// <summary>Waits until the sales service's user directory copy holds <paramref name="users"/> (from UserChanged).</summary>
    public static async Task UsersKnownToSalesAsync(this CrmSystemFixture system, params TestUser[] users)
    {
        foreach (var user in users)
        {
            await Eventually.HoldsAsync(
                async () => await system.CountAsync("salesdb", "select count(*) from users where id = @id and team_id is not distinct from @team",
                    ("id", user.Id), ("team", (object?)user.TeamId ?? DBNull.Value)) == 1,
                EventDeadline, $"sales knows user {user.Id} in team {user.TeamId}");
        }
    }
    public static async Task<SalesPipeline> DefaultPipelineAsync(this HttpClient client)
    {
        var pipelines = (await client.GetFromJsonAsync<JsonArray>(Pipelines, Token))!;
        var pipeline = pipelines.Single(p => p!["isDefault"]!.GetValue<bool>())!;
        return await client.PipelineAsync(pipeline["id"]!.GetValue<Guid>());
    }

    public static async Task<SalesPipeline> PipelineAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Pipelines}/{id}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pipeline = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        return new SalesPipeline(id, response.Headers.ETag?.Tag, pipeline["stages"]!.AsArray()
            .ToDictionary(stage => stage!["name"]!.GetValue<string>(), stage => stage!["id"]!.GetValue<Guid>()));
    }

    public static Task<HttpResponseMessage> PostOpportunityAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync(Opportunities, body, Token);

    public static async Task<(Guid Id, string ETag)> CreateOpportunityAsync(this HttpClient client, object body)
    {
        using var created = await client.PostOpportunityAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var opportunity = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        return (opportunity["id"]!.GetValue<Guid>(), created.Headers.ETag!.Tag);
    }

    public static async Task<(JsonObject Body, string ETag)> ReadOpportunityAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Opportunities}/{id}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!, response.Headers.ETag!.Tag);
    }

    /// <summary>Sends <paramref name="body"/> with <c>If-Match: <paramref name="etag"/></c> (none when null).</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request, Token);
    }

    public static Task<HttpResponseMessage> MoveStageAsync(this HttpClient client, Guid id, Guid stageId, string? etag, string? lostReason = null) =>
        client.SendAsync(HttpMethod.Post, $"{Opportunities}/{id}/stage", new { stageId, lostReason }, etag);

    /// <summary>The ids on every page of <paramref name="query"/>, following nextCursor.</summary>
    public static async Task<List<Guid>> ListOpportunityIdsAsync(this HttpClient client, string query = "")
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var path = $"{Opportunities}?pageSize=200{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(path, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
            ids.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return ids;
    }

    /// <summary>Rows of <paramref name="eventType"/> about <paramref name="opportunityId"/> in the sales outbox that the dispatcher has published.</summary>
    public static Task<long> DispatchedEventsAsync(this CrmSystemFixture system, string eventType, Guid opportunityId) =>
        system.CountAsync("salesdb",
            "select count(*) from outbox_messages where message_type = @type and payload->>'opportunityId' = @id and dispatched_at is not null",
            ("type", $"Crm.Contracts.Sales.{eventType}"), ("id", opportunityId.ToString()));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>Segments through the gateway: saving rules, reading members, and the entered/left events in marketing's outbox.</summary>
public static class SegmentRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<(Guid Id, string ETag)> CreateSegmentAsync(this HttpClient gateway, object rules)
    {
        using var created = await gateway.PostAsJsonAsync("/api/marketing/segments", new { name = $"Segment {Guid.NewGuid():N}", rules }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        return (body["id"]!.GetValue<Guid>(), created.Headers.ETag!.Tag);
    }

    public static async Task<List<Guid>> MemberIdsAsync(this HttpClient gateway, Guid segmentId)
    {
        var page = (await gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/segments/{segmentId}/members?pageSize=200", Token))!;
        return [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }

    public static Task WaitForMembersAsync(this HttpClient gateway, Guid segmentId, Guid[] expected, string what) =>
        Eventually.HoldsAsync(async () => (await gateway.MemberIdsAsync(segmentId)).Order().SequenceEqual(expected.Order()),
            TimeSpan.FromSeconds(15), what);

    /// <summary>How many entered (or left) events marketing wrote to its outbox for this contact and segment.</summary>
    public static Task<long> SegmentEventsAsync(this CrmSystemFixture system, string type, Guid segmentId, Guid contactId) =>
        system.CountAsync("marketingdb",
            "select count(*) from outbox_messages where message_type = @type and payload->>'segmentId' = @segment and payload->>'contactId' = @contact",
            ("type", $"Crm.Contracts.Marketing.{type}"), ("segment", segmentId.ToString()), ("contact", contactId.ToString()));

    public static async Task UpdateRegionAsync(this HttpClient gateway, Guid customerId, string region)
    {
        using var read = await gateway.GetAsync($"/api/customers/{customerId}", Token);
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["region"] = region;
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customerId}") { Content = JsonContent.Create(body) };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        using var updated = await gateway.SendAsync(update, Token);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Token));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>Teams, customers, users and tickets for the support service's tests.</summary>
public static class SupportRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    /// <summary>A customer created in the customer service, once the support service has its copy.</summary>
    public static async Task<Guid> CreateSupportedCustomerAsync(this CrmSystemFixture system)
    {
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", id), TimeSpan.FromSeconds(10), "support has the customer");
        return id;
    }

    /// <summary>Waits until the support service's user directory copy holds <paramref name="user"/> (from UserChanged).</summary>
    public static Task WaitForSupportCopyAsync(this CrmSystemFixture system, TestUser user) =>
        Eventually.HoldsAsync(
            async () => await system.CountAsync("supportdb", "select count(*) from users where id = @id", ("id", user.Id)) == 1,
            TimeSpan.FromSeconds(10), $"support has a copy of user {user.Id}");

    public static JsonObject NewTicket(Guid customerId, string? subject = null) => new()
    {
        ["customerId"] = customerId,
        ["subject"] = subject ?? $"Printer on fire {Guid.NewGuid():N}",
        ["description"] = "Smoke comes out of the paper tray.",
        ["category"] = "Incident",
        ["priority"] = "High",
        ["channel"] = "Phone",
    };

    public static Task<HttpResponseMessage> PostTicketAsync(this HttpClient client, JsonObject body) =>
        client.PostAsJsonAsync("/api/support/tickets", body, Token);

    /// <summary>Creates a ticket (201 expected) and returns it with its ETag.</summary>
    public static async Task<(JsonObject Ticket, string ETag)> CreateTicketAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostTicketAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!, response.Headers.ETag!.Tag);
    }

    /// <summary>Sends a JSON body with <c>If-Match</c> (none when <paramref name="etag"/> is null).</summary>
    public static Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string path, object body, string? etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request, Token);
    }

    public static Task<HttpResponseMessage> ChangeStatusAsync(this HttpClient client, Guid ticketId, string status, string? etag) =>
        client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/support/tickets/{ticketId}/status", new { status }, etag);

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient client, Guid ticketId, Guid? assigneeId, string? etag, Guid? teamId = null) =>
        client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/support/tickets/{ticketId}/assignment", new { assigneeId, teamId }, etag);

    public static async Task<JsonObject> AddCommentAsync(this HttpClient client, Guid ticketId, string body, string visibility)
    {
        using var response = await client.PostAsJsonAsync($"/api/support/tickets/{ticketId}/comments", new { body, visibility }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }

    /// <summary>Reads a ticket: its status code, body (null unless 200) and ETag.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject? Ticket, string? ETag)> ReadTicketAsync(this HttpClient client, Guid ticketId)
    {
        using var response = await client.GetAsync($"/api/support/tickets/{ticketId}", Token);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>(Token), response.Headers.ETag!.Tag)
            : (response.StatusCode, null, null);
    }

    /// <summary>The ids of the tickets a list request returns (first page).</summary>
    public static async Task<List<Guid>> TicketIdsAsync(this HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/support/tickets?{query}", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        return [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }

    public static Guid IdOf(this JsonObject ticket) => ticket["id"]!.GetValue<Guid>();
}

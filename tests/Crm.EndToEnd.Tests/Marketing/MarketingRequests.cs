using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>Builds a campaign audience through the gateway: people tagged uniquely, so a test mails only its own contacts.</summary>
public static class MarketingRequests
{
    public static async Task<Guid> CreatePersonAsync(this HttpClient gateway, string name, string email, string tag)
    {
        using var created = await gateway.PostCustomerAsync(new
        {
            kind = "Person",
            name,
            email,
            phone = $"+49 40 {Random.Shared.Next(10_000_000, 99_999_999)}",
            region = "EMEA",
            tags = new[] { tag },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => gateway.HasCopyAsync("marketing", id), TimeSpan.FromSeconds(30), $"marketing knows contact {id}");
        return id;
    }

    public static async Task<Guid> CreateTemplateAsync(this HttpClient gateway, string subject, string html, string text) =>
        await IdOfAsync(await gateway.PostAsJsonAsync("/api/marketing/templates",
            new { name = $"Template {Guid.NewGuid():N}", subject, htmlBody = html, textBody = text }, TestContext.Current.CancellationToken));

    public static async Task<Guid> CreateTagSegmentAsync(this HttpClient gateway, string tag) =>
        await IdOfAsync(await gateway.PostAsJsonAsync("/api/marketing/segments",
            new { name = $"Tagged {tag}", rules = new { field = "tags", op = "contains", value = tag } }, TestContext.Current.CancellationToken));

    public static async Task<Guid> SendCampaignAsync(this HttpClient gateway, Guid templateId, Guid segmentId, int ratePerMinute = 6000)
    {
        var id = await IdOfAsync(await gateway.PostAsJsonAsync("/api/marketing/campaigns",
            new { name = $"Campaign {Guid.NewGuid():N}", templateId, segmentId, ratePerMinute }, TestContext.Current.CancellationToken));
        using var sent = await gateway.PostAsJsonAsync($"/api/marketing/campaigns/{id}/send", new { }, TestContext.Current.CancellationToken);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return id;
    }

    public static async Task<JsonElement> CampaignAsync(this HttpClient gateway, Guid id)
    {
        using var response = await gateway.GetAsync($"/api/marketing/campaigns/{id}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).Clone();
    }

    public static async Task<JsonElement> WaitUntilCompletedAsync(this HttpClient gateway, Guid id, TimeSpan? within = null)
    {
        JsonElement campaign = default;
        await Eventually.HoldsAsync(async () => (campaign = await gateway.CampaignAsync(id)).GetProperty("status").GetString() == "Completed",
            within ?? TimeSpan.FromSeconds(60), $"campaign {id} completes");
        return campaign;
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>SLA set-up for support tests: calendars, one policy per tier, customer tiers and the service's test clock.</summary>
public static class SupportSla
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static readonly string[] Priorities = ["Low", "Normal", "High", "Urgent"];

    /// <summary>A 24/7 calendar, so targets are plain durations.</summary>
    public static async Task<Guid> CreateAroundTheClockCalendarAsync(this HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync("/api/support/calendars",
            new { name = $"24/7 {Guid.NewGuid():N}", timeZoneId = "UTC", alwaysOpen = true }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// Makes the tier's policy the given targets (minutes, the same for every priority) on the calendar: policies are
    /// one per tier and shared by the whole test run, so an existing one is replaced.
    /// </summary>
    public static async Task SetPolicyAsync(this HttpClient admin, string tier, Guid calendarId, int firstResponseMinutes, int resolutionMinutes)
    {
        var body = new
        {
            name = $"{tier} policy",
            tier,
            calendarId,
            targets = Priorities.Select(priority => new { priority, firstResponseMinutes, resolutionMinutes }).ToArray(),
        };
        var policies = (await admin.GetFromJsonAsync<JsonArray>("/api/support/sla-policies", Token))!;
        if (policies.FirstOrDefault(p => p!["tier"]!.GetValue<string>() == tier) is not { } existing)
        {
            using var created = await admin.PostAsJsonAsync("/api/support/sla-policies", body, Token);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
            await admin.ReplanCompletedAsync((await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["replan"]!);
            return;
        }

        var id = existing["id"]!.GetValue<Guid>();
        using var read = await admin.GetAsync($"/api/support/sla-policies/{id}", Token);
        using var replaced = await admin.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/sla-policies/{id}", body, read.Headers.ETag!.Tag);
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync(Token));
        await admin.ReplanCompletedAsync((await replaced.Content.ReadFromJsonAsync<JsonObject>(Token))!["replan"]!);
    }

    /// <summary>
    /// Waits until the background re-plan of open tickets a calendar or policy change started (its response's
    /// <c>replan</c>) has completed, so no test's ticket changes under it afterwards; returns the re-plan as it is then.
    /// </summary>
    public static async Task<JsonObject> ReplanCompletedAsync(this HttpClient admin, JsonNode started)
    {
        var replanId = started["id"]!.GetValue<Guid>();
        JsonObject replan = [];
        await Eventually.HoldsAsync(async () =>
        {
            replan = (await admin.GetFromJsonAsync<JsonObject>($"/api/support/sla-replans/{replanId}", Token))!;
            return replan["state"]!.GetValue<string>() == "Completed";
        }, TimeSpan.FromSeconds(30), "the background re-plan completes");
        return replan;
    }

    /// <summary>
    /// Makes the customer high-value the way it happens for real: a purchase of 60,000 EUR in the customer service
    /// (HighValue from 50,000 spent under the default value rules), whose <c>CustomerTierChanged</c> reaches support;
    /// waits until support's copy has the tier.
    /// </summary>
    public static async Task MakeHighValueAsync(this CrmSystemFixture system, Guid customerId)
    {
        using (var purchase = await system.Gateway.PostAsJsonAsync($"/api/customers/{customerId}/purchases",
            new { purchasedAt = DateTimeOffset.UtcNow, amount = 60_000m, currency = "EUR" }, Token))
        {
            purchase.StatusCode.ShouldBe(HttpStatusCode.Created, await purchase.Content.ReadAsStringAsync(Token));
        }

        await Eventually.HoldsAsync(async () =>
        {
            var copy = await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/customers/{customerId}", Token);
            return copy!["tier"]?.GetValue<string>() == "HighValue";
        }, TimeSpan.FromSeconds(15), $"support knows customer {customerId} is HighValue");
    }

    /// <summary>The support service's current time (its test clock).</summary>
    public static async Task<(DateTimeOffset Now, double OffsetSeconds)> ServiceClockAsync(this HttpClient admin)
    {
        var clock = (await admin.GetFromJsonAsync<JsonObject>("/api/support/testing/clock", Token))!;
        return (clock["now"]!.GetValue<DateTimeOffset>(), clock["offsetSeconds"]!.GetValue<double>());
    }

    public static async Task SetClockOffsetAsync(this HttpClient admin, double offsetSeconds)
    {
        using var response = await admin.PutAsJsonAsync("/api/support/testing/clock", new { offsetSeconds }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Moves the support service's clock forward until it reads <paramref name="instant"/> (give or take a request's time).</summary>
    public static async Task MoveClockToAsync(this HttpClient admin, DateTimeOffset instant)
    {
        var (now, offset) = await admin.ServiceClockAsync();
        await admin.SetClockOffsetAsync(offset + (instant - now).TotalSeconds);
    }

    public static async Task<(JsonObject Ticket, string ETag)> MoveAsync(this HttpClient client, Guid ticketId, string status, string etag)
    {
        using var response = await client.ChangeStatusAsync(ticketId, status, etag);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(Token))!, response.Headers.ETag!.Tag);
    }

    public static DateTimeOffset Time(this JsonNode? node) => node!.GetValue<DateTimeOffset>();

    public static TimeSpan Span(this JsonNode? node) => TimeSpan.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static void ShouldBeAbout(this DateTimeOffset actual, DateTimeOffset expected) =>
        // PostgreSQL keeps microseconds.
        actual.ShouldBe(expected, TimeSpan.FromMilliseconds(1));
}

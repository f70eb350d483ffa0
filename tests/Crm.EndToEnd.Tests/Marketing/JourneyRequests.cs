using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crm.EndToEnd.Tests.Infrastructure;
using MimeKit;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>Journeys through the gateway, and the marketing service's settable clock that makes their waits pass.</summary>
public static class JourneyRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static object Mail(Guid templateId) => new { kind = "Email", templateId };

    public static object Wait(int minutes) => new { kind = "Wait", waitMinutes = minutes };

    public static object Branch(int? ifClicked = null, int? ifOpened = null, int? otherwise = null) => new { kind = "Branch", ifClicked, ifOpened, otherwise };

    /// <summary>Creates and activates a journey; returns its id.</summary>
    public static async Task<Guid> StartJourneyAsync(this HttpClient gateway, object trigger, params object[] steps)
    {
        var body = JsonSerializer.SerializeToNode(trigger)!.AsObject();
        body["name"] = $"Journey {Guid.NewGuid():N}";
        body["steps"] = JsonSerializer.SerializeToNode(steps);
        Guid id;
        using (var created = await gateway.PostAsJsonAsync("/api/marketing/journeys", body, Token))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
            id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        }

        using var activated = await gateway.PostAsync($"/api/marketing/journeys/{id}/activate", null, Token);
        activated.StatusCode.ShouldBe(HttpStatusCode.OK, await activated.Content.ReadAsStringAsync(Token));
        return id;
    }

    public static async Task<JsonElement> JourneyStatsAsync(this HttpClient gateway, Guid id)
    {
        using var response = await gateway.GetAsync($"/api/marketing/journeys/{id}/stats", Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).Clone();
    }

    /// <summary>Waits until the journey's stats satisfy <paramref name="condition"/>, and returns them.</summary>
    public static async Task<JsonElement> WaitForJourneyAsync(this HttpClient gateway, Guid id, Func<JsonElement, bool> condition, string what)
    {
        JsonElement stats = default;
        await Eventually.HoldsAsync(async () => condition(stats = await gateway.JourneyStatsAsync(id)), TimeSpan.FromSeconds(60), what);
        return stats;
    }

    public static async Task RecordVisitAsync(this HttpClient gateway, Guid contactId, string url)
    {
        using var response = await gateway.PostAsJsonAsync("/api/marketing/visits", new { contactId, url }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Moves the marketing service's clock forward (it only ever moves forward, as other tests share it).</summary>
    public static async Task MoveMarketingClockAsync(this HttpClient admin, TimeSpan by)
    {
        var clock = (await admin.GetFromJsonAsync<JsonObject>("/api/marketing/testing/clock", Token))!;
        var offsetSeconds = clock["offsetSeconds"]!.GetValue<double>() + by.TotalSeconds;
        using var response = await admin.PutAsJsonAsync("/api/marketing/testing/clock", new { offsetSeconds }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>The signed click-redirect link in a tracked mail.</summary>
    public static string ClickLink(MimeMessage mail) => Found(mail, "href=\"([^\"]+/api/marketing/t/c/[^\"]+)\"");

    /// <summary>The open pixel in a tracked mail.</summary>
    public static string OpenPixel(MimeMessage mail) => Found(mail, "<img src=\"([^\"]+/api/marketing/t/o/[^\"]+)\"");

    private static string Found(MimeMessage mail, string pattern)
    {
        var match = Regex.Match(mail.HtmlBody ?? "", pattern);
        match.Success.ShouldBeTrue($"the mail has a link like {pattern}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

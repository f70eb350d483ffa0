using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class MarketingTrackingTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opens_clicks_visits_and_survey_answers_become_behaviour_and_reach_the_customer_timeline_and_a_tampered_link_is_never_followed()
    {
        var tag = $"track-{Guid.NewGuid():N}";
        var address = $"tracked-{Guid.NewGuid():N}@example.test";
        var contactId = await system.Gateway.CreatePersonAsync("Tess Tracked", address, tag);
        var campaignId = await system.Gateway.SendCampaignAsync(
            await system.Gateway.CreateTemplateAsync("Offer for {{ first_name }}", """<p><a href="https://shop.example/offer?a=1&amp;b=2">See the offer</a></p>""", "See https://shop.example/offer"),
            await system.Gateway.CreateTagSegmentAsync(tag));
        var html = (await system.Mail.WaitForAsync(address)).HtmlBody.ShouldNotBeNull();
        var click = WebUtility.HtmlDecode(Regex.Match(html, "href=\"([^\"]+/api/marketing/t/c/[^\"]+)\"").Groups[1].Value);
        var pixel = WebUtility.HtmlDecode(Regex.Match(html, "<img src=\"([^\"]+/api/marketing/t/o/[^\"]+)\"").Groups[1].Value);
        click.ShouldStartWith(system.Issuer.TrimEnd('/'));
        pixel.ShouldStartWith(system.Issuer.TrimEnd('/'));
        html.ShouldNotContain("href=\"https://shop.example", customMessage: "every web link goes through the click redirect");

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using (var opened = await browser.GetAsync(pixel, Token))
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.OK);
            opened.Content.Headers.ContentType!.MediaType.ShouldBe("image/gif");
        }

        using (var followed = await browser.GetAsync(click, Token))
        {
            followed.StatusCode.ShouldBe(HttpStatusCode.Found);
            followed.Headers.Location!.AbsoluteUri.ShouldBe("https://shop.example/offer?a=1&b=2");
        }

        var (payload, signature) = (click[(click.LastIndexOf('/') + 1)..].Split('.')[0], click.Split('.')[^1]);
        var foreignPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            DecodeBase64Url(payload).Replace("https://shop.example/offer?a=1&b=2", "https://evil.example/"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var forged in new[] { click[..click.LastIndexOf('/')] + $"/{foreignPayload}.{signature}", click[..^3] + (click[^3..] == "AAA" ? "BBB" : "AAA"), click[..click.LastIndexOf('.')] })
        {
            using var refused = await browser.GetAsync(forged, Token);
            refused.Headers.Location.ShouldBeNull("a tampered link is never redirected");
            await Problems.ShouldBeCleanProblemAsync(refused, 400);
        }

        using (var again = await browser.GetAsync(pixel, Token))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var stats = await system.Gateway.GetAsync($"/api/marketing/campaigns/{campaignId}/stats", Token))
        {
            var body = await stats.Content.ReadFromJsonAsync<JsonElement>(Token);
            body.GetProperty("sent").GetInt32().ShouldBe(1);
            body.GetProperty("opened").GetInt32().ShouldBe(1, "two opens by one contact");
            body.GetProperty("clicked").GetInt32().ShouldBe(1);
            var today = body.GetProperty("daily").EnumerateArray().ShouldHaveSingleItem();
            today.GetProperty("opens").GetInt32().ShouldBe(2);
            today.GetProperty("clicks").GetInt32().ShouldBe(1);
        }

        using (var visit = await system.Gateway.PostAsJsonAsync("/api/marketing/visits",
            new { contactId, url = "https://shop.example/pricing", utmSource = "newsletter", utmMedium = "email", utmCampaign = "spring" }, Token))
        {
            visit.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using (var answer = await system.Gateway.PostAsJsonAsync("/api/marketing/survey-answers",
            new { contactId, surveyId = "nps-2026", question = "How likely are you to recommend us?", value = "9" }, Token))
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using (var unknown = await system.Gateway.PostAsJsonAsync("/api/marketing/visits", new { contactId = Guid.NewGuid(), url = "https://shop.example/" }, Token))
        {
            (await Problems.ShouldBeCleanProblemAsync(unknown, 400)).GetProperty("errors").TryGetProperty("contactId", out _).ShouldBeTrue();
        }

        using (var history = await system.Gateway.GetAsync($"/api/marketing/contacts/{contactId}/behaviours", Token))
        {
            var kinds = (await history.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray()
                .Select(item => item.GetProperty("kind").GetString()).ToList();
            kinds.ShouldBe(["SurveyAnswered", "Visited", "Opened", "Clicked", "Opened"]);
        }

        await Eventually.HoldsAsync(async () =>
            {
                var kinds = (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, contactId)).Select(entry => entry["kind"]!.GetValue<string>()).ToList();
                return new[] { "email.sent", "email.opened", "email.clicked", "web.visited", "survey.answered" }.All(kinds.Contains);
            },
            TimeSpan.FromSeconds(30), "the customer timeline shows the marketing activity");
    }

    private static string DecodeBase64Url(string base64Url) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64Url.Replace('-', '+').Replace('_', '/').PadRight((base64Url.Length + 3) / 4 * 4, '=')));
}

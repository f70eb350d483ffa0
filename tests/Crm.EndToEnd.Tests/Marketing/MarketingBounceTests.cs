using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.Hosting;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class MarketingBounceTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> ConsentOfAsync(Guid contactId) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/marketing/contacts/{contactId}", Token)).GetProperty("consent").GetString()!;

    private async Task<JsonElement> StatsOfAsync(Guid campaignId) =>
        await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{campaignId}/stats", Token);

    private Task<HttpResponseMessage> ReportAsync(HttpClient client, object report) => client.PostAsJsonAsync("/api/marketing/bounces", report, Token);

    [Fact]
    public async Task A_recipient_the_smtp_server_refuses_for_good_is_bounced_counted_and_never_mailed_again()
    {
        var tag = $"bounce-{Guid.NewGuid():N}";
        var refused = $"gone-{Guid.NewGuid():N}@{MailCatcherResource.BouncingDomain}";
        var fine = $"fine-{Guid.NewGuid():N}@example.test";
        var refusedId = await system.Gateway.CreatePersonAsync("Gone Away", refused, tag);
        await system.Gateway.CreatePersonAsync("Fine Person", fine, tag);
        var templateId = await system.Gateway.CreateTemplateAsync("News for {{ first_name }}", "<p>news</p>", "news");
        var segmentId = await system.Gateway.CreateTagSegmentAsync(tag);

        var first = await system.Gateway.SendCampaignAsync(templateId, segmentId);
        var progress = (await system.Gateway.WaitUntilCompletedAsync(first)).GetProperty("progress");
        progress.GetProperty("sent").GetInt32().ShouldBe(1);
        progress.GetProperty("bounced").GetInt32().ShouldBe(1);
        (await ConsentOfAsync(refusedId)).ShouldBe("Bounced");
        var stats = await StatsOfAsync(first);
        stats.GetProperty("bounced").GetInt32().ShouldBe(1);
        stats.GetProperty("delivered").GetInt32().ShouldBe(1);

        var second = await system.Gateway.SendCampaignAsync(templateId, segmentId);
        progress = (await system.Gateway.WaitUntilCompletedAsync(second)).GetProperty("progress");
        progress.GetProperty("bounced").GetInt32().ShouldBe(0, "a bounced contact is not tried again");
        progress.GetProperty("skipped").GetInt32().ShouldBe(1);
        system.Mail.To(fine).Count.ShouldBe(2);
        system.Mail.To(refused).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reported_hard_bounce_or_enough_soft_ones_make_a_contact_bounced_and_only_administrators_and_integrations_report_them()
    {
        var tag = $"dsn-{Guid.NewGuid():N}";
        var (hard, soft) = ($"hard-{Guid.NewGuid():N}@example.test", $"soft-{Guid.NewGuid():N}@example.test");
        var hardId = await system.Gateway.CreatePersonAsync("Hard Bounce", hard, tag);
        var softId = await system.Gateway.CreatePersonAsync("Soft Bounce", soft, tag);
        var templateId = await system.Gateway.CreateTemplateAsync("Offer for {{ first_name }}", "<p>offer</p>", "offer");
        var segmentId = await system.Gateway.CreateTagSegmentAsync(tag);
        var campaignId = await system.Gateway.SendCampaignAsync(templateId, segmentId);
        var messageId = (await system.Mail.WaitForAsync(hard)).MessageId;
        await system.Gateway.WaitUntilCompletedAsync(campaignId);

        var marketer = await system.SignedInAsync(await system.CreateUserAsync(["marketer"]));
        using (var forbidden = await ReportAsync(marketer, new { messageId, kind = "Hard" }))
        {
            await Problems.ShouldBeCleanProblemAsync(forbidden, 403);
        }

        using (var neither = await ReportAsync(system.Gateway, new { kind = "Hard" }))
        {
            (await Problems.ShouldBeCleanProblemAsync(neither, 400)).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        }

        using (var unknown = await ReportAsync(system.Gateway, new { email = $"nobody-{Guid.NewGuid():N}@example.test", kind = "Hard" }))
        {
            await Problems.ShouldBeCleanProblemAsync(unknown, 404);
        }

        using (var reported = await ReportAsync(system.Gateway, new { messageId = $"<{messageId}>", kind = "Hard", detail = "550 5.1.1 user unknown" }))
        {
            reported.StatusCode.ShouldBe(HttpStatusCode.OK, await reported.Content.ReadAsStringAsync(Token));
            (await reported.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("nowBounced").EnumerateArray().Single().GetGuid().ShouldBe(hardId);
        }

        (await ConsentOfAsync(hardId)).ShouldBe("Bounced");
        var stats = await StatsOfAsync(campaignId);
        stats.GetProperty("bounced").GetInt32().ShouldBe(1);
        stats.GetProperty("sent").GetInt32().ShouldBe(2);
        stats.GetProperty("delivered").GetInt32().ShouldBe(1, "the reported bounce was accepted by the server but not delivered");

        // The default limit is three soft bounces.
        for (var n = 1; n <= 3; n++)
        {
            using var reported = await ReportAsync(system.Gateway, new { email = soft.ToUpperInvariant(), kind = "Soft", detail = "452 mailbox full" });
            reported.StatusCode.ShouldBe(HttpStatusCode.OK, await reported.Content.ReadAsStringAsync(Token));
            (await ConsentOfAsync(softId)).ShouldBe(n < 3 ? "OptedIn" : "Bounced", $"after {n} soft bounces");
        }

        var later = await system.Gateway.SendCampaignAsync(templateId, segmentId);
        var progress = (await system.Gateway.WaitUntilCompletedAsync(later)).GetProperty("progress");
        progress.GetProperty("skipped").GetInt32().ShouldBe(2, "bounced contacts are never mailed again");
        system.Mail.To(hard).Count.ShouldBe(1);
        system.Mail.To(soft).Count.ShouldBe(1);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>Live segment membership: customer changes and behaviour move contacts in and out, each move announced once.</summary>
public sealed class SegmentMembershipTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_region_change_moves_a_contact_into_a_segment_and_out_again_each_move_announced_once()
    {
        var tag = $"seg-{Guid.NewGuid():N}";
        var moving = await system.Gateway.CreatePersonAsync("Mia Moving", $"mia-{Guid.NewGuid():N}@example.test", tag);
        var staying = await system.Gateway.CreatePersonAsync("Sam Staying", $"sam-{Guid.NewGuid():N}@example.test", tag);
        var (segmentId, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { field = "region", op = "eq", value = "APAC" } },
        });
        (await system.Gateway.MemberIdsAsync(segmentId)).ShouldBeEmpty("both contacts are in EMEA");

        await system.Gateway.UpdateRegionAsync(moving, "APAC");
        await system.Gateway.WaitForMembersAsync(segmentId, [moving], "the contact that moved to APAC enters the segment");
        (await system.SegmentEventsAsync("ContactEnteredSegment", segmentId, moving)).ShouldBe(1);

        await system.Gateway.UpdateRegionAsync(moving, "EMEA");
        await system.Gateway.WaitForMembersAsync(segmentId, [], "moving back to EMEA leaves the segment");
        (await system.SegmentEventsAsync("ContactLeftSegment", segmentId, moving)).ShouldBe(1);
        (await system.SegmentEventsAsync("ContactEnteredSegment", segmentId, moving)).ShouldBe(1, "entered once, not again on leaving");
        (await system.SegmentEventsAsync("ContactEnteredSegment", segmentId, staying)).ShouldBe(0);
    }

    [Fact]
    public async Task A_purchase_that_raises_total_spend_brings_the_customer_into_a_big_spenders_segment()
    {
        var tag = $"spend-{Guid.NewGuid():N}";
        var buyer = await system.Gateway.CreatePersonAsync("Bea Buyer", $"bea-{Guid.NewGuid():N}@example.test", tag);
        var (segmentId, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[]
            {
                new { field = "tags", op = "contains", value = tag },
                new { field = "totalSpend", op = "gte", value = 1000 },
            },
        });

        using var purchase = await system.Gateway.PostAsJsonAsync($"/api/customers/{buyer}/purchases", new
        {
            purchasedAt = DateTimeOffset.UtcNow, amount = 1250m, currency = "EUR", items = new[] { new { name = "Widget", quantity = 1m, unitPrice = 1250m } },
        }, Token);
        purchase.StatusCode.ShouldBe(HttpStatusCode.Created, await purchase.Content.ReadAsStringAsync(Token));

        await system.Gateway.WaitForMembersAsync(segmentId, [buyer], "the purchase's value change brings the buyer in");
        (await system.SegmentEventsAsync("ContactEnteredSegment", segmentId, buyer)).ShouldBe(1);
        var segment = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/segments/{segmentId}", Token))!;
        segment["memberCount"]!.GetValue<long>().ShouldBe(1);
        segment["recheckAt"].ShouldBeNull("a rule over attributes only changes when the contact does");
    }

    [Fact]
    public async Task A_click_in_a_campaign_mail_brings_the_contact_into_a_segment_of_recent_clickers()
    {
        var tag = $"click-{Guid.NewGuid():N}";
        var address = $"clicker-{Guid.NewGuid():N}@example.test";
        var clicker = await system.Gateway.CreatePersonAsync("Cleo Clicker", address, tag);
        var campaignId = await system.Gateway.SendCampaignAsync(
            await system.Gateway.CreateTemplateAsync("Hello {{ first_name }}", """<p><a href="https://shop.example/spring">Spring</a></p>""", "Spring"),
            await system.Gateway.CreateTagSegmentAsync(tag));
        var (clickers, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { behaviour = "clicked", campaignId, days = 7 } },
        });
        var (anyClickers, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { behaviour = "clicked", days = 7 } },
        });
        (await system.Gateway.MemberIdsAsync(clickers)).ShouldBeEmpty("nobody clicked yet");

        var html = (await system.Mail.WaitForAsync(address)).HtmlBody.ShouldNotBeNull();
        var click = WebUtility.HtmlDecode(Regex.Match(html, "href=\"([^\"]+/api/marketing/t/c/[^\"]+)\"").Groups[1].Value);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using (var followed = await browser.GetAsync(click, Token))
        {
            followed.StatusCode.ShouldBe(HttpStatusCode.Found);
        }

        (await system.Gateway.MemberIdsAsync(clickers)).ShouldBe([clicker], "the click and the membership are one transaction");
        (await system.Gateway.MemberIdsAsync(anyClickers)).ShouldBe([clicker]);
        (await system.SegmentEventsAsync("ContactEnteredSegment", clickers, clicker)).ShouldBe(1);
        var segment = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/segments/{clickers}", Token))!;
        segment["recheckAt"].ShouldNotBeNull("clicks older than 7 days stop counting, so the segment is re-checked as time passes");
    }

    [Fact]
    public async Task Editing_rules_needs_the_current_version_and_recomputes_who_is_in()
    {
        var tag = $"edit-{Guid.NewGuid():N}";
        var visitor = await system.Gateway.CreatePersonAsync("Vic Visitor", $"vic-{Guid.NewGuid():N}@example.test", tag);
        var page = $"pricing-{Guid.NewGuid():N}";
        using (var visit = await system.Gateway.PostAsJsonAsync("/api/marketing/visits", new { contactId = visitor, url = $"https://shop.example/{page}?x=1" }, Token))
        {
            visit.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var (segmentId, etag) = await system.Gateway.CreateSegmentAsync(new { field = "tags", op = "contains", value = $"{tag}-nobody" });
        var rules = new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { behaviour = "visited", url = $"*/{page}*", days = 7 } },
        };

        using (var missing = await system.Gateway.PutAsJsonAsync($"/api/marketing/segments/{segmentId}", new { name = "Pricing visitors", rules }, Token))
        {
            await Problems.ShouldBeCleanProblemAsync(missing, 428);
        }

        using (var updated = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/marketing/segments/{segmentId}", new { name = "Pricing visitors", rules }, etag))
        {
            updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Token));
            updated.Headers.ETag!.Tag.ShouldNotBe(etag);
            (await updated.Content.ReadFromJsonAsync<JsonObject>(Token))!["memberCount"]!.GetValue<long>().ShouldBe(1);
        }

        (await system.Gateway.MemberIdsAsync(segmentId)).ShouldBe([visitor]);
        (await system.SegmentEventsAsync("ContactEnteredSegment", segmentId, visitor)).ShouldBe(1);

        using (var stale = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/marketing/segments/{segmentId}", new { name = "Stale", rules }, etag))
        {
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
        }

        using var evaluated = await system.Gateway.PostAsJsonAsync($"/api/marketing/segments/{segmentId}/evaluate", new { }, Token);
        var evaluation = (await evaluated.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        evaluation["count"]!.GetValue<long>().ShouldBe(1);
        evaluation["entered"]!.GetValue<int>().ShouldBe(0, "nothing changed since the edit");
    }

    [Fact]
    public async Task A_bad_behaviour_node_is_a_400_naming_its_path()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/marketing/segments/preview", new
        {
            rules = new { and = new object[] { new { field = "region", op = "eq", value = "EMEA" }, new { behaviour = "clicked", days = 0 } } },
        }, Token);

        var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
        problem.GetProperty("errors").TryGetProperty("rules.and[1].days", out _).ShouldBeTrue(problem.ToString());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>
/// Segments are audiences, not mailing lists: membership ignores consent unless the rules select on it, and then an
/// unsubscribe, a bounce or an erasure moves the person at once; counts say how many members may be mailed.
/// </summary>
public sealed class SegmentConsentTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unsubscribe_bounce_and_erasure_move_people_out_of_a_consent_segment_in_the_same_commit_and_counts_say_who_may_be_mailed()
    {
        var tag = $"consent-{Guid.NewGuid():N}";
        var unsubscribing = await system.Gateway.CreatePersonAsync("Una Unsubscribing", $"una-{Guid.NewGuid():N}@example.test", tag);
        var bouncingAddress = $"bob-{Guid.NewGuid():N}@example.test";
        var bouncing = await system.Gateway.CreatePersonAsync("Bob Bouncing", bouncingAddress, tag);
        var erased = await system.Gateway.CreatePersonAsync("Eve Erased", $"eve-{Guid.NewGuid():N}@example.test", tag);
        var (optedIn, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { field = "consent", op = "eq", value = "OptedIn" } },
        });
        var (withdrawn, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[]
            {
                new { field = "tags", op = "contains", value = tag }, new { field = "consent", op = "in", value = new[] { "Unsubscribed", "Bounced" } },
            },
        });
        var audience = await system.Gateway.CreateTagSegmentAsync(tag);
        (await system.Gateway.MemberIdsAsync(optedIn)).Order().ShouldBe(new[] { unsubscribing, bouncing, erased }.Order());

        using (var unsubscribed = await system.Gateway.PostAsync($"/api/marketing/contacts/{unsubscribing}/unsubscribe", null, Token))
        {
            unsubscribed.StatusCode.ShouldBe(HttpStatusCode.OK, await unsubscribed.Content.ReadAsStringAsync(Token));
        }

        (await system.Gateway.MemberIdsAsync(optedIn)).Order().ShouldBe(new[] { bouncing, erased }.Order(), "the unsubscribe and the move are one commit");
        (await system.Gateway.MemberIdsAsync(withdrawn)).ShouldBe([unsubscribing]);

        using (var bounced = await system.Gateway.PostAsJsonAsync("/api/marketing/bounces",
            new { email = bouncingAddress, kind = "Hard", detail = "550 no such user" }, Token))
        {
            bounced.StatusCode.ShouldBe(HttpStatusCode.OK, await bounced.Content.ReadAsStringAsync(Token));
        }

        (await system.Gateway.MemberIdsAsync(optedIn)).ShouldBe([erased], "the bounce and the move are one commit");
        (await system.Gateway.MemberIdsAsync(withdrawn)).Order().ShouldBe(new[] { unsubscribing, bouncing }.Order());

        var counts = await SegmentAsync(audience);
        counts["memberCount"]!.GetValue<long>().ShouldBe(3, "a segment without a consent rule keeps everyone");
        counts["mailableCount"]!.GetValue<long>().ShouldBe(1, "only the one still opted in may be mailed");
        using (var preview = await system.Gateway.PostAsJsonAsync("/api/marketing/segments/preview",
            new { rules = new { field = "tags", op = "contains", value = tag } }, Token))
        {
            var body = (await preview.Content.ReadFromJsonAsync<JsonObject>(Token))!;
            body["count"]!.GetValue<int>().ShouldBe(3);
            body["mailableCount"]!.GetValue<int>().ShouldBe(1);
        }

        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{erased}/erase");
        using (var read = await system.Gateway.GetAsync($"/api/customers/{erased}", Token))
        {
            erase.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        }

        (await system.Gateway.SendAsync(erase, Token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await system.Gateway.WaitForMembersAsync(optedIn, [], "the erased person leaves once marketing hears of it");
        await system.Gateway.WaitForMembersAsync(audience, [unsubscribing, bouncing], "an erased person has no address left, so no segment holds them");

        foreach (var contact in new[] { unsubscribing, bouncing, erased })
        {
            (await system.SegmentEventsAsync("ContactLeftSegment", optedIn, contact)).ShouldBe(1, $"{contact} left the opted-in segment once");
        }

        (await system.SegmentEventsAsync("ContactEnteredSegment", withdrawn, unsubscribing)).ShouldBe(1);
        (await system.SegmentEventsAsync("ContactEnteredSegment", withdrawn, bouncing)).ShouldBe(1);
        (await SegmentAsync(audience))["mailableCount"]!.GetValue<long>().ShouldBe(0);
    }

    private async Task<JsonObject> SegmentAsync(Guid id) =>
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/segments/{id}", Token))!;
}

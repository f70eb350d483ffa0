using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class LeadScoreDecayTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decay_lowers_a_quiet_contacts_score_takes_it_out_of_a_hot_leads_segment_and_the_timeline_shows_each_change()
    {
        var page = $"/demo-{Guid.NewGuid():N}";
        var tag = $"decay-{Guid.NewGuid():N}";
        using (var rule = await system.Gateway.PostAsJsonAsync("/api/marketing/scoring-rules", new { name = "Watched the demo", kind = "Visited", match = page, points = 40 }, Token))
        {
            rule.StatusCode.ShouldBe(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Token));
        }

        var contactId = await system.Gateway.CreatePersonAsync("Quinn Quiet", $"quinn-{Guid.NewGuid():N}@example.test", tag);
        var (hotLeads, _) = await system.Gateway.CreateSegmentAsync(new
        {
            and = new object[] { new { field = "tags", op = "contains", value = tag }, new { field = "leadScore", op = "gte", value = 30 } },
        });

        using (var visit = await system.Gateway.PostAsJsonAsync("/api/marketing/visits", new { contactId, url = $"https://shop.example{page}" }, Token))
        {
            visit.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await ScoreAsync(contactId)).ShouldBe(40);
        (await system.Gateway.MemberIdsAsync(hotLeads)).ShouldBe([contactId], "the score change and the membership are one transaction");

        // Two half-lives later, with nothing new from the contact: 40 → 10.
        await AdvanceMarketingClockAsync(TimeSpan.FromDays(60));
        await Eventually.HoldsAsync(async () => await ScoreAsync(contactId) == 10, TimeSpan.FromSeconds(30), "the decay sweep lowers the score");

        await system.Gateway.WaitForMembersAsync(hotLeads, [], "a score below 30 leaves the hot leads segment");
        (await system.SegmentEventsAsync("ContactLeftSegment", hotLeads, contactId)).ShouldBe(1);
        await Eventually.HoldsAsync(async () =>
        {
            var changes = (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, contactId))
                .Where(entry => entry["kind"]!.GetValue<string>() == "lead.score_changed")
                .Select(entry => entry["summary"]!.GetValue<string>())
                .ToList();
            return changes.Any(summary => summary.StartsWith("Lead score 0 → 40: visited https://shop.example" + page, StringComparison.Ordinal))
                && changes.Any(summary => summary == "Lead score 40 → 10: decay (-30)");
        }, TimeSpan.FromSeconds(15), "the customer timeline shows the rise and the decay");
    }

    private async Task<int> ScoreAsync(Guid contactId) =>
        (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/marketing/contacts/{contactId}", Token))!["leadScore"]!.GetValue<int>();

    /// <summary>Moves only marketing's clock, from wherever earlier tests left it.</summary>
    private async Task AdvanceMarketingClockAsync(TimeSpan by)
    {
        var clock = (await system.Gateway.GetFromJsonAsync<JsonObject>("/api/marketing/testing/clock", Token))!;
        var offsetSeconds = clock["offsetSeconds"]!.GetValue<double>() + by.TotalSeconds;
        using var response = await system.Gateway.PutAsJsonAsync("/api/marketing/testing/clock", new { offsetSeconds }, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }
}

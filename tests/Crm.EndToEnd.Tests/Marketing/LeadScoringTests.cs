using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class LeadScoringTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_behaviour_sequence_that_crosses_the_threshold_hands_the_lead_to_sales_once_with_reasons_and_touches()
    {
        var page = $"/pricing-{Guid.NewGuid():N}";
        var answer = $"very-likely-{Guid.NewGuid():N}";
        await CreateRuleAsync(new { name = "Visited pricing", kind = "Visited", match = page, points = 30 });
        await CreateRuleAsync(new { name = "Would recommend", kind = "SurveyAnswered", match = answer, points = 25 });
        var contactId = await system.Gateway.CreatePersonAsync("Lea Lead", $"lead-{Guid.NewGuid():N}@example.test", $"lead-{Guid.NewGuid():N}");

        await PostAsync("/api/marketing/visits", new { contactId, url = $"https://shop.example{page}", utmSource = "google", utmMedium = "cpc", utmCampaign = "spring" });
        var afterVisit = await ContactAsync(contactId);
        afterVisit.GetProperty("leadScore").GetInt32().ShouldBe(30);
        afterVisit.GetProperty("handedOffAt").ValueKind.ShouldBe(JsonValueKind.Null);

        await PostAsync("/api/marketing/survey-answers", new { contactId, surveyId = "nps", question = "Recommend us?", value = answer });
        await PostAsync("/api/marketing/visits", new { contactId, url = $"https://shop.example{page}" });
        var handedOff = await ContactAsync(contactId);
        handedOff.GetProperty("leadScore").GetInt32().ShouldBe(85);
        handedOff.GetProperty("handedOffAt").ValueKind.ShouldBe(JsonValueKind.String);

        (await system.CountAsync("marketingdb",
            "select count(*) from outbox_messages where message_type like '%LeadHandedOff' and payload->>'contactId' = @id " +
            "and (payload->>'score')::int = 55 and payload->'reasons' ? 'Visited pricing (+30)' and payload->'reasons' ? 'Would recommend (+25)' " +
            "and payload->'firstTouch'->>'utmCampaign' = 'spring'",
            ("id", contactId.ToString()))).ShouldBe(1, "one hand-off, when the score first crossed 50, with reasons and the first touch");
        await Eventually.HoldsAsync(async () => await system.CountAsync("salesdb",
                "select count(*) from leads where contact_id = @contact and score = 55", ("contact", contactId)) == 1,
            TimeSpan.FromSeconds(10), "the lead appears in sales with the score it was handed off with");
    }

    private async Task CreateRuleAsync(object rule)
    {
        using var created = await system.Gateway.PostAsJsonAsync("/api/marketing/scoring-rules", rule, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await system.Gateway.PostAsJsonAsync(path, body, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<JsonElement> ContactAsync(Guid id)
    {
        using var response = await system.Gateway.GetAsync($"/api/marketing/contacts/{id}", Token);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).Clone();
    }
}

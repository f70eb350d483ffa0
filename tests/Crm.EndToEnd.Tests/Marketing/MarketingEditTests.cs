using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using static Crm.EndToEnd.Tests.Marketing.JourneyRequests;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class MarketingEditTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static object TemplateBody(string subject) =>
        new { name = $"Template {Guid.NewGuid():N}", subject, htmlBody = "<p>Hi {{ first_name }}</p>", textBody = "Hi {{ first_name }}" };

    private async Task<HttpResponseMessage> PutAsync(string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await system.Gateway.SendAsync(request, Token);
    }

    private async Task<string> ETagOfAsync(string path)
    {
        using var response = await system.Gateway.GetAsync(path, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response.Headers.ETag.ShouldNotBeNull().Tag;
    }

    [Fact]
    public async Task A_template_is_edited_with_the_version_it_was_read_at_and_a_stale_or_missing_version_is_refused()
    {
        var id = await system.Gateway.CreateTemplateAsync("Old {{ first_name }}", "<p>old</p>", "old");
        var path = $"/api/marketing/templates/{id}";
        var etag = await ETagOfAsync(path);

        using (var missing = await PutAsync(path, TemplateBody("New {{ first_name }}"), null))
        {
            await Problems.ShouldBeCleanProblemAsync(missing, 428);
        }

        using (var saved = await PutAsync(path, TemplateBody("New {{ first_name }}"), etag))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Token));
            saved.Headers.ETag!.Tag.ShouldNotBe(etag);
            (await saved.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("subject").GetString().ShouldBe("New {{ first_name }}");
        }

        using (var stale = await PutAsync(path, TemplateBody("Lost {{ first_name }}"), etag))
        {
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
        }

        using (var broken = await PutAsync(path, TemplateBody("Broken {{ first_name "), await ETagOfAsync(path)))
        {
            (await Problems.ShouldBeCleanProblemAsync(broken, 400)).GetProperty("errors").TryGetProperty("subject", out _).ShouldBeTrue();
        }

        using (var unknown = await PutAsync($"/api/marketing/templates/{Guid.NewGuid()}", TemplateBody("x"), etag))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_campaign_is_editable_while_draft_and_refused_with_a_conflict_once_it_is_sending_or_done()
    {
        var tag = $"edit-{Guid.NewGuid():N}";
        var address = $"edit-{Guid.NewGuid():N}@example.test";
        await system.Gateway.CreatePersonAsync("Eddie Edit", address, tag);
        var templateId = await system.Gateway.CreateTemplateAsync("Edited {{ first_name }}", "<p>x</p>", "x");
        var segmentId = await system.Gateway.CreateTagSegmentAsync(tag);
        Guid id;
        using (var created = await system.Gateway.PostAsJsonAsync("/api/marketing/campaigns", new { name = "Draft", templateId, segmentId }, Token))
        {
            id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        }

        var path = $"/api/marketing/campaigns/{id}";
        var etag = await ETagOfAsync(path);
        object Body(string name, Guid? segment = null) => new { name, templateId, segmentId = segment ?? segmentId, ratePerMinute = 6000 };

        using (var missing = await PutAsync(path, Body("Renamed"), null))
        {
            await Problems.ShouldBeCleanProblemAsync(missing, 428);
        }

        using (var badSegment = await PutAsync(path, Body("Renamed", Guid.NewGuid()), etag))
        {
            (await Problems.ShouldBeCleanProblemAsync(badSegment, 400)).GetProperty("errors").TryGetProperty("segmentId", out _).ShouldBeTrue();
        }

        using (var saved = await PutAsync(path, Body("Renamed"), etag))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Token));
            (await saved.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("name").GetString().ShouldBe("Renamed");
        }

        using (var stale = await PutAsync(path, Body("Lost"), etag))
        {
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
        }

        using (var sent = await system.Gateway.PostAsJsonAsync($"{path}/send", new { }, Token))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await system.Gateway.WaitUntilCompletedAsync(id);
        using (var tooLate = await PutAsync(path, Body("Too late"), await ETagOfAsync(path)))
        {
            (await Problems.ShouldBeCleanProblemAsync(tooLate, 409)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Draft or Scheduled");
        }

        (await system.Mail.WaitForAsync(address)).Subject.ShouldBe("Edited Eddie");
    }

    [Fact]
    public async Task A_running_journey_accepts_edits_that_keep_everyone_in_place_and_refuses_those_that_would_strand_them()
    {
        var page = $"/edit-journey-{Guid.NewGuid():N}";
        var address = $"journey-edit-{Guid.NewGuid():N}@example.test";
        var contactId = await system.Gateway.CreatePersonAsync("Jo Journey", address, "journey");
        var first = await system.Gateway.CreateTemplateAsync("First for {{ first_name }}", "<p>1</p>", "1");
        var second = await system.Gateway.CreateTemplateAsync("Second for {{ first_name }}", "<p>2</p>", "2");
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "WebVisit", triggerMatch = page }, Mail(first), Wait(600), Mail(second));
        await system.Gateway.RecordVisitAsync(contactId, $"https://shop.example{page}");
        await system.Mail.WaitForAsync(address);
        var path = $"/api/marketing/journeys/{journeyId}";
        object Body(params object[] steps) => new { name = "Edited journey", trigger = "WebVisit", triggerMatch = page, steps };

        using (var missing = await PutAsync(path, Body(Mail(first)), null))
        {
            await Problems.ShouldBeCleanProblemAsync(missing, 428);
        }

        var etag = await ETagOfAsync(path);
        using (var strands = await PutAsync(path, Body(Mail(first), Wait(5)), etag))
        {
            (await Problems.ShouldBeCleanProblemAsync(strands, 409)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("step 2");
        }

        using (var badStep = await PutAsync(path, Body(Mail(first), Branch(ifClicked: 0)), etag))
        {
            (await Problems.ShouldBeCleanProblemAsync(badStep, 400)).GetProperty("errors").TryGetProperty("steps[1].ifClicked", out _).ShouldBeTrue();
        }

        using (var kept = await PutAsync(path, Body(Mail(first), Wait(5), Mail(second), Mail(first)), etag))
        {
            kept.StatusCode.ShouldBe(HttpStatusCode.OK, await kept.Content.ReadAsStringAsync(Token));
        }

        using (var stale = await PutAsync(path, Body(Mail(first), Wait(5), Mail(second)), etag))
        {
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
        }

        using (var archived = await system.Gateway.PostAsync($"{path}/archive", null, Token))
        {
            archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var again = await system.Gateway.PostAsync($"{path}/activate", null, Token))
        {
            await Problems.ShouldBeCleanProblemAsync(again, 409);
        }

        var stats = await system.Gateway.JourneyStatsAsync(journeyId);
        stats.GetProperty("exited").GetInt32().ShouldBe(1, "archiving ends the enrolment");
        stats.GetProperty("active").GetInt32().ShouldBe(0);
    }
}

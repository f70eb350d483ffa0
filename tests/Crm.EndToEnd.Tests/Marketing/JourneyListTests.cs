using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using static Crm.EndToEnd.Tests.Marketing.JourneyRequests;

namespace Crm.EndToEnd.Tests.Marketing;

/// <summary>Listing journeys (status filter, sort, keyset pages) and the people on one journey with their places.</summary>
public sealed class JourneyListTests(CrmSystemFixture system)
{
    private const string Journeys = "/api/marketing/journeys";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Journeys_are_listed_by_status_in_each_sort_order_every_one_once()
    {
        var marker = Guid.NewGuid().ToString("N");
        var template = await system.Gateway.CreateTemplateAsync("Hello {{ first_name }}", "<p>Hello</p>", "Hello");
        var draft = await CreateAsync($"{marker} b", template);
        var first = await CreateAsync($"{marker} a", template);
        var second = await CreateAsync($"{marker} c", template);
        await ActivateAsync(first);
        await ActivateAsync(second);

        var active = await ListAllAsync("status=Active&sort=name&pageSize=2");
        active.ShouldAllBe(journey => journey["status"]!.GetValue<string>() == "Active");
        active.Select(Id).ShouldBeUnique();
        Mine(active, first, second, draft).ShouldBe([first, second], "by name, without the draft");

        Mine(await ListAllAsync("sort=-name&pageSize=2"), first, second, draft).ShouldBe([second, draft, first]);
        Mine(await ListAllAsync("pageSize=200"), first, second, draft).ShouldBe([second, first, draft], "newest first by default");
        Mine(await ListAllAsync("status=Draft&sort=createdAt"), first, second, draft).ShouldBe([draft]);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("sort=owner", "sort")]
    [InlineData("status=Gone", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await system.Gateway.GetAsync($"{Journeys}?{query}", Token);
        var body = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetRawText();
        body.ShouldContain($"\"{field}\"", customMessage: body);
    }

    [Fact]
    public async Task A_journeys_people_are_listed_in_the_order_they_entered_with_their_next_step_and_why_they_left()
    {
        var page = $"/listing-{Guid.NewGuid():N}";
        var (staying, leaving) = ($"stay-{Guid.NewGuid():N}@example.test", $"leave-{Guid.NewGuid():N}@example.test");
        var stayingId = await system.Gateway.CreatePersonAsync("Sue Staying", staying, "journey-list");
        var leavingId = await system.Gateway.CreatePersonAsync("Leo Leaving", leaving, "journey-list");
        var template = await system.Gateway.CreateTemplateAsync("Guide for {{ first_name }}", "<p>Our guide</p>", "Our guide");
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "WebVisit", triggerMatch = page }, Mail(template), Wait(60), Mail(template));
        await system.Gateway.RecordVisitAsync(stayingId, $"https://shop.example{page}");
        await system.Gateway.RecordVisitAsync(leavingId, $"https://shop.example{page}");
        await system.Mail.WaitForAsync(staying);
        await system.Mail.WaitForAsync(leaving);
        using (var unsubscribed = await system.Gateway.PostAsync($"/api/marketing/contacts/{leavingId}/unsubscribe", null, Token))
        {
            unsubscribed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        JsonObject list = null!;
        await Eventually.HoldsAsync(async () => (list = await ReadAsync($"{Journeys}/{journeyId}/enrolments"))["items"]!.AsArray()
            .Any(item => item!["stepIndex"]!.GetValue<int>() == 2), TimeSpan.FromSeconds(30), "the one who stays waits before the second mail");
        list["totalCount"]!.GetValue<long>().ShouldBe(2);
        var items = list["items"]!.AsArray();
        items.Select(item => item!["contactId"]!.GetValue<Guid>()).ShouldBe([stayingId, leavingId], "in the order they entered");
        var (stay, leave) = (items[0]!, items[1]!);
        stay["status"]!.GetValue<string>().ShouldBe("Active");
        stay["name"]!.GetValue<string>().ShouldBe("Sue Staying");
        stay["stepKind"]!.GetValue<string>().ShouldBe("Email", "the next step after the wait");
        (stay["dueAt"]!.GetValue<DateTimeOffset>() - stay["enrolledAt"]!.GetValue<DateTimeOffset>()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(60));
        leave["status"]!.GetValue<string>().ShouldBe("Exited");
        leave["exitReason"]!.GetValue<string>().ShouldBe("unsubscribed");
        leave["dueAt"].ShouldBeNull();
        leave["endedAt"].ShouldNotBeNull();

        var active = await ReadAsync($"{Journeys}/{journeyId}/enrolments?status=Active");
        active["items"]!.AsArray().Select(item => item!["contactId"]!.GetValue<Guid>()).ShouldBe([stayingId]);
        active["totalCount"]!.GetValue<long>().ShouldBe(1);

        var firstPage = await ReadAsync($"{Journeys}/{journeyId}/enrolments?pageSize=1");
        firstPage["items"]!.AsArray().Single()!["contactId"]!.GetValue<Guid>().ShouldBe(stayingId);
        var cursor = Uri.EscapeDataString(firstPage["nextCursor"]!.GetValue<string>());
        var secondPage = await ReadAsync($"{Journeys}/{journeyId}/enrolments?pageSize=1&cursor={cursor}");
        secondPage["items"]!.AsArray().Single()!["contactId"]!.GetValue<Guid>().ShouldBe(leavingId);
        secondPage["nextCursor"].ShouldBeNull();

        using var unknown = await system.Gateway.GetAsync($"{Journeys}/{Guid.NewGuid()}/enrolments", Token);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<Guid> CreateAsync(string name, Guid templateId)
    {
        using var created = await system.Gateway.PostAsJsonAsync(Journeys,
            new { name, trigger = "WebVisit", triggerMatch = $"/{Guid.NewGuid():N}", steps = new[] { Mail(templateId) } }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    private async Task ActivateAsync(Guid id)
    {
        using var activated = await system.Gateway.PostAsync($"{Journeys}/{id}/activate", null, Token);
        activated.StatusCode.ShouldBe(HttpStatusCode.OK, await activated.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Every page of the list, following nextCursor to the end.</summary>
    private async Task<List<JsonObject>> ListAllAsync(string query)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await ReadAsync($"{Journeys}?{query}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            all.AddRange(page["items"]!.AsArray().Select(item => item!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return all;
    }

    private async Task<JsonObject> ReadAsync(string path)
    {
        using var response = await system.Gateway.GetAsync(path, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }

    private static Guid Id(JsonObject journey) => journey["id"]!.GetValue<Guid>();

    private static List<Guid> Mine(List<JsonObject> listed, params Guid[] mine) => [.. listed.Select(Id).Where(mine.Contains)];
}

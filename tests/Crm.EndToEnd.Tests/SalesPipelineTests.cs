using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Pipelines: seeded, changed only by administrators, and the board's sums per stage.</summary>
public sealed class SalesPipelineTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_pipeline_is_seeded_with_ordered_stages_and_probabilities()
    {
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));

        var pipelines = (await rep.GetFromJsonAsync<JsonArray>(SalesRequests.Pipelines, Token))!;

        var stages = pipelines.Single(p => p!["isDefault"]!.GetValue<bool>())!["stages"]!.AsArray()
            .Select(stage => $"{stage!["name"]} {stage["probability"]} {stage["kind"]}");
        stages.ShouldBe(["Qualification 10 Open", "Needs analysis 25 Open", "Proposal 50 Open", "Negotiation 75 Open", "Won 100 Won", "Lost 0 Lost"]);
    }

    [Fact]
    public async Task Only_an_administrator_creates_or_changes_a_pipeline()
    {
        using var manager = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var body = NewPipeline();

        using var byManager = await manager.PostAsJsonAsync(SalesRequests.Pipelines, body, Token);
        using var byRep = await rep.PostAsJsonAsync(SalesRequests.Pipelines, body, Token);
        using var created = await system.Gateway.PostAsJsonAsync(SalesRequests.Pipelines, body, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var pipeline = await system.Gateway.PipelineAsync((await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>());
        var path = $"{SalesRequests.Pipelines}/{pipeline.Id}";
        var changed = NewPipeline(name: "Renamed", discoveryId: pipeline.Stages["Discovery"], discoveryProbability: 30);
        using var changedByManager = await manager.SendAsync(HttpMethod.Put, path, changed, pipeline.ETag);
        using var changedByRep = await rep.SendAsync(HttpMethod.Put, path, changed, pipeline.ETag);
        using var withoutIfMatch = await system.Gateway.SendAsync(HttpMethod.Put, path, changed, etag: null);
        using var changedByAdministrator = await system.Gateway.SendAsync(HttpMethod.Put, path, changed, pipeline.ETag);
        using var stale = await system.Gateway.SendAsync(HttpMethod.Put, path, changed, pipeline.ETag);

        foreach (var refused in new[] { byManager, byRep, changedByManager, changedByRep })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            await Problems.ShouldBeCleanProblemAsync(refused, 403);
        }

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        changedByAdministrator.StatusCode.ShouldBe(HttpStatusCode.OK, await changedByAdministrator.Content.ReadAsStringAsync(Token));
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var saved = (await rep.GetFromJsonAsync<JsonObject>(path, Token))!;
        saved["name"]!.GetValue<string>().ShouldBe("Renamed");
        var discovery = saved["stages"]!.AsArray().First()!;
        discovery["id"]!.GetValue<Guid>().ShouldBe(pipeline.Stages["Discovery"], "a stage sent with its id keeps it");
        discovery["probability"]!.GetValue<int>().ShouldBe(30);
    }

    [Fact]
    public async Task A_stage_holding_deals_cannot_be_removed()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var created = await system.Gateway.PostAsJsonAsync(SalesRequests.Pipelines, NewPipeline(), Token);
        var pipeline = await system.Gateway.PipelineAsync((await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>());
        await system.Gateway.CreateOpportunityAsync(new
        {
            name = "In discovery",
            customerId,
            stageId = pipeline.Stages["Discovery"],
            amount = 1m,
            currency = "EUR",
            expectedCloseDate = "2027-05-01",
        });

        // The same stages with new ids: every old stage, Discovery with its deal included, would be removed.
        using var response = await system.Gateway.SendAsync(HttpMethod.Put, $"{SalesRequests.Pipelines}/{pipeline.Id}", NewPipeline(), pipeline.ETag);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problems.ShouldBeCleanProblemAsync(response, 409)).GetProperty("title").GetString()!.ShouldContain("Discovery");
    }

    [Theory]
    [InlineData("""{"name":"No lost stage","stages":[{"name":"Open","probability":10,"kind":"Open"},{"name":"Won","probability":100,"kind":"Won"}]}""", "stages")]
    [InlineData("""{"name":"Odd won","stages":[{"name":"Open","probability":10,"kind":"Open"},{"name":"Won","probability":90,"kind":"Won"},{"name":"Lost","probability":0,"kind":"Lost"}]}""", "stages[1].probability")]
    [InlineData("""{"name":"Too likely","stages":[{"name":"Open","probability":101,"kind":"Open"},{"name":"Won","probability":100,"kind":"Won"},{"name":"Lost","probability":0,"kind":"Lost"}]}""", "stages[0].probability")]
    [InlineData("""{"name":"Twice","stages":[{"name":"Won","probability":10,"kind":"Open"},{"name":"won","probability":100,"kind":"Won"},{"name":"Lost","probability":0,"kind":"Lost"}]}""", "stages")]
    [InlineData("""{"name":"","stages":[]}""", "name")]
    public async Task A_bad_pipeline_is_a_400_naming_the_field(string json, string field)
    {
        using var response = await system.Gateway.PostAsync(SalesRequests.Pipelines,
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue(errors.GetRawText());
    }

    [Fact]
    public async Task The_board_counts_sums_and_weights_each_stage_per_currency_for_the_deals_the_caller_may_see()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var rep = await system.SignedInAsync(repUser);
        using var otherRep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var pipeline = await rep.DefaultPipelineAsync();
        var qualification = pipeline.Stages["Qualification"];
        var negotiation = pipeline.Stages["Negotiation"];
        var (soonest, _) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 1000m, "2027-02-01", qualification));
        await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 500.50m, "2027-03-01", qualification));
        await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 3800m, "2027-04-01", negotiation));
        await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 200m, "2027-04-01", negotiation, currency: "USD"));
        await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 22500m, "2027-05-01", pipeline.Stages["Proposal"]));
        await otherRep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, 99999m, "2027-01-01", qualification));

        using var board = await rep.GetAsync($"{SalesRequests.Pipelines}/{pipeline.Id}/board?cardsPerStage=1", Token);
        using var administratorsBoard = await system.Gateway.GetAsync($"{SalesRequests.Pipelines}/{pipeline.Id}/board?cardsPerStage=1&ownerId={repUser.Id}", Token);

        board.StatusCode.ShouldBe(HttpStatusCode.OK, await board.Content.ReadAsStringAsync(Token));
        var columns = (await board.Content.ReadFromJsonAsync<JsonObject>(Token))!["stages"]!.AsArray();
        columns.Select(Summary).ShouldBe([
            "Qualification 2 EUR 1500.5/150.05",
            "Needs analysis 0",
            "Proposal 1 EUR 22500/11250",
            "Negotiation 2 EUR 3800/2850 USD 200/150",
            "Won 0",
            "Lost 0",
        ]);
        var qualificationCards = columns[0]!["cards"]!.AsArray();
        qualificationCards.Single()!["id"]!.GetValue<Guid>().ShouldBe(soonest, "the card shown is the one closing soonest");
        columns[3]!["cards"]!.AsArray().Count.ShouldBe(1, "cardsPerStage limits the cards, not the sums");
        var administratorsColumns = (await administratorsBoard.Content.ReadFromJsonAsync<JsonObject>(Token))!["stages"]!.AsArray();
        administratorsColumns.Select(Summary).ShouldBe(columns.Select(Summary), "the administrator filtering by owner sees the same");
    }

    private static string Summary(JsonNode? column)
    {
        var totals = column!["totals"]!.AsArray().Select(total =>
            $" {total!["currency"]} {total["amount"]!.GetValue<decimal>():0.####}/{total["weightedAmount"]!.GetValue<decimal>():0.####}");
        return $"{column["name"]} {column["count"]}{string.Concat(totals)}";
    }

    private static object NewPipeline(string? name = null, Guid? discoveryId = null, int discoveryProbability = 20) => new
    {
        name = name ?? $"Partners {Guid.NewGuid():N}",
        stages = new object[]
        {
            new { id = discoveryId, name = "Discovery", probability = discoveryProbability, kind = "Open" },
            new { id = (Guid?)null, name = "Signed", probability = 100, kind = "Won" },
            new { id = (Guid?)null, name = "Dropped", probability = 0, kind = "Lost" },
        },
    };
}

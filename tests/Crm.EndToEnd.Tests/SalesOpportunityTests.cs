using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Deals: no lost updates, stage moves with their rules, events through the outbox, filtered keyset lists.</summary>
public sealed class SalesOpportunityTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_without_if_match_is_a_428_and_one_from_a_stale_version_a_412()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var (id, etag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, amount: 100m));
        var pipeline = await rep.DefaultPipelineAsync();
        var path = $"{SalesRequests.Opportunities}/{id}";

        using var putWithout = await rep.SendAsync(HttpMethod.Put, path, SalesRequests.NewOpportunity(customerId, amount: 200m), etag: null);
        using var moveWithout = await rep.MoveStageAsync(id, pipeline.Stages["Proposal"], etag: null);
        using var deleteWithout = await rep.SendAsync(HttpMethod.Delete, path, null, etag: null);
        using var saved = await rep.SendAsync(HttpMethod.Put, path, SalesRequests.NewOpportunity(customerId, amount: 300m), etag);
        using var stalePut = await rep.SendAsync(HttpMethod.Put, path, SalesRequests.NewOpportunity(customerId, amount: 400m), etag);
        using var staleMove = await rep.MoveStageAsync(id, pipeline.Stages["Proposal"], etag);
        using var staleDelete = await rep.SendAsync(HttpMethod.Delete, path, null, etag);

        foreach (var response in new[] { putWithout, moveWithout, deleteWithout })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
            await Problems.ShouldBeCleanProblemAsync(response, 428);
        }

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        saved.Headers.ETag!.Tag.ShouldNotBe(etag);
        foreach (var response in new[] { stalePut, staleMove, staleDelete })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            await Problems.ShouldBeCleanProblemAsync(response, 412);
        }

        var (current, currentETag) = await rep.ReadOpportunityAsync(id);
        current["amount"]!.GetValue<decimal>().ShouldBe(300m);
        current["stageName"]!.GetValue<string>().ShouldBe("Qualification");
        currentETag.ShouldBe(saved.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Two_stage_moves_from_the_same_version_get_exactly_one_412()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var first = await system.SignedInAsync(repUser);
        using var second = await system.SignedInAsync(repUser);
        var (id, etag) = await first.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        var pipeline = await first.DefaultPipelineAsync();

        var moves = await Task.WhenAll(
            first.MoveStageAsync(id, pipeline.Stages["Proposal"], etag),
            second.MoveStageAsync(id, pipeline.Stages["Negotiation"], etag));

        moves.Select(response => response.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var winner = moves.Single(response => response.StatusCode == HttpStatusCode.OK);
        var stage = (await winner.Content.ReadFromJsonAsync<JsonObject>(Token))!["stageName"]!.GetValue<string>();
        var (current, currentETag) = await first.ReadOpportunityAsync(id);
        current["stageName"]!.GetValue<string>().ShouldBe(stage);
        currentETag.ShouldBe(winner.Headers.ETag!.Tag);
        await Eventually.HoldsAsync(async () => await system.DispatchedEventsAsync("OpportunityStageChanged", id) == 1,
            SalesRequests.EventDeadline, "the one stage change is published");
        foreach (var response in moves)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Losing_a_deal_needs_a_reason_and_publishes_OpportunityLost_with_the_stage_it_was_lost_at()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var pipeline = await rep.DefaultPipelineAsync();
        var (id, etag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, stageId: pipeline.Stages["Negotiation"]));

        using var withoutReason = await rep.MoveStageAsync(id, pipeline.Stages["Lost"], etag, lostReason: "  ");
        using var lost = await rep.MoveStageAsync(id, pipeline.Stages["Lost"], etag, lostReason: "Price too high");

        withoutReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(withoutReason, 400)).GetProperty("errors").TryGetProperty("lostReason", out _).ShouldBeTrue();
        lost.StatusCode.ShouldBe(HttpStatusCode.OK, await lost.Content.ReadAsStringAsync(Token));
        var body = (await lost.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["status"]!.GetValue<string>().ShouldBe("Lost");
        body["lostReason"]!.GetValue<string>().ShouldBe("Price too high");
        body["lostAt"].ShouldNotBeNull();
        body["weightedAmount"]!.GetValue<decimal>().ShouldBe(0m);
        await Eventually.HoldsAsync(async () => await system.DispatchedEventsAsync("OpportunityLost", id) == 1,
            SalesRequests.EventDeadline, "OpportunityLost is published");
        (await system.CountAsync("salesdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Sales.OpportunityLost' and payload->>'opportunityId' = @id " +
            "and payload->>'reason' = 'Price too high' and payload->>'lostAtStageName' = 'Negotiation'", ("id", id.ToString()))).ShouldBe(1);
    }

    [Fact]
    public async Task Winning_a_deal_publishes_OpportunityWon_once_and_a_won_deal_is_final()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var rep = await system.SignedInAsync(repUser);
        var pipeline = await rep.DefaultPipelineAsync();
        var (id, etag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, amount: 3800m));

        using var won = await rep.MoveStageAsync(id, pipeline.Stages["Won"], etag);

        won.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await won.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["status"]!.GetValue<string>().ShouldBe("Won");
        body["wonAt"].ShouldNotBeNull();
        await Eventually.HoldsAsync(async () => await system.DispatchedEventsAsync("OpportunityWon", id) == 1,
            SalesRequests.EventDeadline, "OpportunityWon is published");
        (await system.DispatchedEventsAsync("OpportunityCreated", id)).ShouldBe(1);
        (await system.CountAsync("salesdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Sales.OpportunityWon' and payload->>'opportunityId' = @id " +
            "and (payload->>'amount')::numeric = 3800 and payload->>'currency' = 'EUR' and payload->>'customerId' = @customer and payload->>'ownerId' = @owner",
            ("id", id.ToString()), ("customer", customerId.ToString()), ("owner", repUser.Id.ToString()))).ShouldBe(1);

        var wonETag = won.Headers.ETag!.Tag;
        using var reopened = await rep.MoveStageAsync(id, pipeline.Stages["Proposal"], wonETag);
        using var edited = await rep.SendAsync(HttpMethod.Put, $"{SalesRequests.Opportunities}/{id}", SalesRequests.NewOpportunity(customerId, amount: 1m), wonETag);
        using var deleted = await rep.SendAsync(HttpMethod.Delete, $"{SalesRequests.Opportunities}/{id}", null, wonETag);
        foreach (var response in new[] { reopened, edited, deleted })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            await Problems.ShouldBeCleanProblemAsync(response, 409);
        }
    }

    [Fact]
    public async Task A_deal_for_a_customer_sales_does_not_know_is_a_400_naming_customerId()
    {
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));

        using var response = await rep.PostOpportunityAsync(SalesRequests.NewOpportunity(Guid.NewGuid()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors").TryGetProperty("customerId", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("currency", "euro")]
    [InlineData("amount", -5)]
    [InlineData("amount", 1.23456)]
    [InlineData("name", "")]
    [InlineData("expectedCloseDate", null)]
    [InlineData("expectedCloseDate", "next week")]
    [InlineData("stageId", "5a1e5000-0000-4000-8000-000000000105")]
    public async Task A_bad_field_is_a_400_naming_it(string field, object? value)
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var body = JsonSerializer.SerializeToNode(SalesRequests.NewOpportunity(customerId))!.AsObject();
        body[field] = value is null ? null : JsonSerializer.SerializeToNode(value);

        using var response = await system.Gateway.PostOpportunityAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue(errors.GetRawText());
    }

    [Theory]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("sort=owner", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("status=Planet", "status")]
    [InlineData("closeFrom=2027-06-01&closeTo=2027-01-01", "closeTo")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await system.Gateway.GetAsync($"{SalesRequests.Opportunities}?{query}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetRawText();
        body.ShouldContain($"\"{field}\"", customMessage: body);
    }

    [Fact]
    public async Task The_list_filters_and_pages_through_every_match_once_in_each_sort_order()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var pipeline = await rep.DefaultPipelineAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Close dates, amounts, names and creation times all grow together.
            var (id, _) = await rep.CreateOpportunityAsync(new
            {
                name = $"Paged {i} {customerId:N}",
                customerId,
                amount = 100m + i,
                currency = "EUR",
                expectedCloseDate = $"2027-0{i + 1}-15",
            });
            created.Add(id);
        }

        var (wonId, wonETag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, expectedCloseDate: "2028-01-01"));
        (await rep.MoveStageAsync(wonId, pipeline.Stages["Won"], wonETag)).Dispose();

        foreach (var sort in new[] { "expectedCloseDate", "-expectedCloseDate", "name", "-name", "amount", "-amount", "createdAt", "-createdAt" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            for (var pageNumber = 0; pageNumber < 10; pageNumber++)
            {
                var path = $"{SalesRequests.Opportunities}?customerId={customerId}&status=Open&sort={sort}&pageSize=2" +
                    (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                using var response = await rep.GetAsync(path, Token);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var page = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
                seen.AddRange(page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
                cursor = page["nextCursor"]?.GetValue<string>();
                if (cursor is null)
                {
                    break;
                }
            }

            seen.ShouldBe(sort.StartsWith('-') ? Enumerable.Reverse(created) : created, customMessage: sort);
        }

        (await rep.ListOpportunityIdsAsync($"&customerId={customerId}&closeFrom=2027-02-15&closeTo=2027-04-15")).ShouldBe(created[1..4]);
        (await rep.ListOpportunityIdsAsync($"&customerId={customerId}&status=Won")).ShouldBe([wonId]);
        (await rep.ListOpportunityIdsAsync($"&stageId={pipeline.Stages["Won"]}&customerId={customerId}")).ShouldBe([wonId]);
        (await rep.ListOpportunityIdsAsync($"&pipelineId={pipeline.Id}&customerId={customerId}")).Count.ShouldBe(6);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// OWASP API1 (object-level authorisation) and API3 (mass assignment) on deals: a rep works on their own, a manager on
/// the team's, an administrator on all; someone else's deal does not exist for you; only some may change the owner.
/// </summary>
public sealed class SalesOwnershipTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rep_cannot_read_edit_move_or_delete_another_reps_deal_and_never_lists_it()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var alice = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var bobUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var bob = await system.SignedInAsync(bobUser);
        var (alicesDeal, _) = await alice.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        var (bobsDeal, bobsETag) = await bob.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        var pipeline = await bob.DefaultPipelineAsync();

        using var read = await alice.GetAsync($"{SalesRequests.Opportunities}/{bobsDeal}", Token);
        using var edit = await alice.SendAsync(HttpMethod.Put, $"{SalesRequests.Opportunities}/{bobsDeal}",
            SalesRequests.NewOpportunity(customerId, amount: 1m), bobsETag);
        using var move = await alice.MoveStageAsync(bobsDeal, pipeline.Stages["Proposal"], bobsETag);
        using var delete = await alice.SendAsync(HttpMethod.Delete, $"{SalesRequests.Opportunities}/{bobsDeal}", null, bobsETag);

        foreach (var response in new[] { read, edit, move, delete })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}");
            await Problems.ShouldBeCleanProblemAsync(response, 404);
        }

        var alicesList = await alice.ListOpportunityIdsAsync($"&customerId={customerId}");
        alicesList.ShouldBe([alicesDeal]);
        (await alice.ListOpportunityIdsAsync($"&ownerId={bobUser.Id}")).ShouldBeEmpty();
        var (unchanged, etag) = await bob.ReadOpportunityAsync(bobsDeal);
        etag.ShouldBe(bobsETag, "nothing alice sent changed bob's deal");
        unchanged["stageName"]!.GetValue<string>().ShouldBe("Qualification");
    }

    [Fact]
    public async Task A_manager_sees_the_deals_of_their_teams_reps_but_not_of_another_team()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var team = await system.CreateTeamAsync();
        var otherTeam = await system.CreateTeamAsync();
        var managerUser = await system.CreateUserAsync([CrmRoles.SalesManager], team);
        var teamRep = await system.CreateUserAsync([CrmRoles.SalesRep], team);
        var outsider = await system.CreateUserAsync([CrmRoles.SalesRep], otherTeam);
        await system.UsersKnownToSalesAsync(teamRep, outsider);
        using var manager = await system.SignedInAsync(managerUser);
        using var rep = await system.SignedInAsync(teamRep);
        using var other = await system.SignedInAsync(outsider);
        var (teamDeal, teamETag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, amount: 700m));
        var (otherDeal, otherETag) = await other.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        var (ownDeal, _) = await manager.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        var pipeline = await manager.DefaultPipelineAsync();

        (await manager.ListOpportunityIdsAsync($"&customerId={customerId}")).Order().ShouldBe(new[] { teamDeal, ownDeal }.Order());
        (await manager.ListOpportunityIdsAsync($"&teamId={otherTeam}")).ShouldBeEmpty();
        using var readTeam = await manager.GetAsync($"{SalesRequests.Opportunities}/{teamDeal}", Token);
        using var readOther = await manager.GetAsync($"{SalesRequests.Opportunities}/{otherDeal}", Token);
        using var moveTeam = await manager.MoveStageAsync(teamDeal, pipeline.Stages["Proposal"], teamETag);
        using var moveOther = await manager.MoveStageAsync(otherDeal, pipeline.Stages["Proposal"], otherETag);

        readTeam.StatusCode.ShouldBe(HttpStatusCode.OK);
        readOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        moveTeam.StatusCode.ShouldBe(HttpStatusCode.OK);
        moveOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var board = await manager.GetAsync($"{SalesRequests.Pipelines}/{pipeline.Id}/board?teamId={team}&ownerId={teamRep.Id}", Token);
        var proposal = (await board.Content.ReadFromJsonAsync<JsonObject>(Token))!["stages"]!.AsArray()
            .Single(stage => stage!["name"]!.GetValue<string>() == "Proposal")!;
        proposal["count"]!.GetValue<int>().ShouldBe(1);
        proposal["cards"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(teamDeal);
        (await system.Gateway.ListOpportunityIdsAsync($"&customerId={customerId}")).Count.ShouldBe(3, "the administrator sees every deal");
    }

    [Fact]
    public async Task A_rep_may_not_change_the_owner_and_a_manager_only_within_the_team()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var team = await system.CreateTeamAsync();
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep], team);
        var colleague = await system.CreateUserAsync([CrmRoles.SalesRep], team);
        var outsider = await system.CreateUserAsync([CrmRoles.SalesRep], await system.CreateTeamAsync());
        var managerUser = await system.CreateUserAsync([CrmRoles.SalesManager], team);
        await system.UsersKnownToSalesAsync(repUser, colleague, outsider);
        using var rep = await system.SignedInAsync(repUser);
        using var manager = await system.SignedInAsync(managerUser);

        var (id, etag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId));
        using var createdForColleague = await rep.PostOpportunityAsync(SalesRequests.NewOpportunity(customerId, ownerId: colleague.Id));
        using var handedOver = await rep.SendAsync(HttpMethod.Put, $"{SalesRequests.Opportunities}/{id}",
            SalesRequests.NewOpportunity(customerId, ownerId: colleague.Id), etag);
        using var toOutsider = await manager.SendAsync(HttpMethod.Put, $"{SalesRequests.Opportunities}/{id}",
            SalesRequests.NewOpportunity(customerId, ownerId: outsider.Id), etag);
        using var toColleague = await manager.SendAsync(HttpMethod.Put, $"{SalesRequests.Opportunities}/{id}",
            SalesRequests.NewOpportunity(customerId, ownerId: colleague.Id), etag);

        foreach (var refused in new[] { createdForColleague, handedOver, toOutsider })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await Problems.ShouldBeCleanProblemAsync(refused, 403)).GetProperty("title").GetString().ShouldBe("You may not change the owner.");
        }

        toColleague.StatusCode.ShouldBe(HttpStatusCode.OK, await toColleague.Content.ReadAsStringAsync(Token));
        (await toColleague.Content.ReadFromJsonAsync<JsonObject>(Token))!["ownerId"]!.GetValue<Guid>().ShouldBe(colleague.Id);
        using var goneFromRep = await rep.GetAsync($"{SalesRequests.Opportunities}/{id}", Token);
        goneFromRep.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the deal now belongs to the colleague");
    }

    [Fact]
    public async Task The_caller_owns_a_new_deal_and_read_only_fields_in_the_body_are_ignored()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        using var rep = await system.SignedInAsync(repUser);

        using var created = await rep.PostOpportunityAsync(new
        {
            name = "Sneaky",
            customerId,
            amount = 10m,
            currency = "EUR",
            expectedCloseDate = "2027-01-15",
            status = "Won",
            wonAt = "2020-01-01T00:00:00Z",
            lostReason = "none",
        });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["ownerId"]!.GetValue<Guid>().ShouldBe(repUser.Id);
        body["status"]!.GetValue<string>().ShouldBe("Open");
        body["wonAt"].ShouldBeNull();
        body["lostReason"].ShouldBeNull();
        body["stageName"]!.GetValue<string>().ShouldBe("Qualification");
    }

    [Theory]
    [InlineData(CrmRoles.Marketer, "GET", SalesRequests.Opportunities)]
    [InlineData(CrmRoles.Marketer, "POST", SalesRequests.Opportunities)]
    [InlineData(CrmRoles.SupportAgent, "GET", SalesRequests.Pipelines)]
    [InlineData(CrmRoles.SupportLead, "GET", SalesRequests.Opportunities)]
    [InlineData(CrmRoles.SupportLead, "POST", SalesRequests.Pipelines)]
    public async Task Marketing_and_support_roles_get_a_403_on_sales_endpoints(string role, string method, string path)
    {
        using var client = await system.SignedInAsync(await system.CreateUserAsync([role]));

        using var response = await client.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { }, etag: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ShouldBeCleanProblemAsync(response, 403);
    }
}

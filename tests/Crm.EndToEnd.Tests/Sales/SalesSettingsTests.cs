using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Sales;

/// <summary>Assignment rules are edited in place under If-Match; quotas are listed, scoped like deals.</summary>
public sealed class SalesSettingsTests(CrmSystemFixture system)
{
    private const string AssignmentRules = "/api/sales/lead-assignment-rules";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_replaces_an_assignment_rule_under_if_match_even_after_it_assigned_a_lead_and_the_next_lead_follows_the_new_rule()
    {
        var firstTeam = await system.CreateTeamAsync();
        var secondTeam = await system.CreateTeamAsync();
        var firstRep = await system.CreateUserAsync([CrmRoles.SalesRep], firstTeam);
        var secondRep = await system.CreateUserAsync([CrmRoles.SalesRep], secondTeam);
        await system.UsersKnownToSalesAsync(firstRep, secondRep);
        var region = $"Region {Guid.NewGuid():N}";
        using var created = await system.Gateway.PostAsJsonAsync(AssignmentRules, new { position = 0, name = "First team", region, teamId = firstTeam }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var ruleId = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>();
        var createdETag = created.Headers.ETag!.Tag;
        createdETag.ShouldNotBeNullOrEmpty();
        (await OwnerOfNewLeadAsync(region)).ShouldBe(firstRep.Id);

        var replacement = new { position = 0, name = "Second team", region, teamId = secondTeam };
        using (var withoutIfMatch = await system.Gateway.SendAsync(HttpMethod.Put, $"{AssignmentRules}/{ruleId}", replacement, etag: null))
        {
            await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        }

        // The turn handed to the first rep is kept apart from the rule: the version read before that lead still edits it.
        using (var read = await system.Gateway.GetAsync($"{AssignmentRules}/{ruleId}", Token))
        {
            read.StatusCode.ShouldBe(HttpStatusCode.OK);
            read.Headers.ETag!.Tag.ShouldBe(createdETag, "assigning a lead leaves the rule's version alone");
        }

        using (var replaced = await system.Gateway.SendAsync(HttpMethod.Put, $"{AssignmentRules}/{ruleId}", replacement, createdETag))
        {
            replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync(Token));
            replaced.Headers.ETag!.Tag.ShouldNotBe(createdETag);
            (await replaced.Content.ReadFromJsonAsync<JsonObject>(Token))!["teamId"]!.GetValue<Guid>().ShouldBe(secondTeam);
        }

        // Another administrator's edit based on the version before that change is refused, not applied.
        using (var stale = await system.Gateway.SendAsync(HttpMethod.Put, $"{AssignmentRules}/{ruleId}",
            new { position = 0, name = "Stale", region, userId = firstRep.Id }, createdETag))
        {
            await Problems.ShouldBeCleanProblemAsync(stale, 412);
        }

        (await OwnerOfNewLeadAsync(region)).ShouldBe(secondRep.Id);
        var rules = (await system.Gateway.GetFromJsonAsync<JsonArray>(AssignmentRules, Token))!;
        rules.Single(rule => rule!["id"]!.GetValue<Guid>() == ruleId)!["name"]!.GetValue<string>().ShouldBe("Second team");

        using var rep = await system.SignedInAsync(firstRep);
        using var forbidden = await rep.SendAsync(HttpMethod.Put, $"{AssignmentRules}/{ruleId}", replacement, createdETag);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var unknown = await system.Gateway.SendAsync(HttpMethod.Put, $"{AssignmentRules}/{Guid.NewGuid()}", replacement, createdETag);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Quotas_are_listed_by_rep_and_month_and_each_caller_sees_only_those_they_may()
    {
        var team = await system.CreateTeamAsync();
        var managerUser = await system.CreateUserAsync([CrmRoles.SalesManager], team);
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep], team);
        var colleagueUser = await system.CreateUserAsync([CrmRoles.SalesRep], team);
        var outsiderUser = await system.CreateUserAsync([CrmRoles.SalesRep], await system.CreateTeamAsync());
        await system.UsersKnownToSalesAsync(managerUser, repUser, colleagueUser, outsiderUser);
        using var manager = await system.SignedInAsync(managerUser);
        foreach (var (user, month, amount) in new[] { (repUser, "2031-01", 5_000m), (repUser, "2031-02", 6_000m), (colleagueUser, "2031-01", 7_000m) })
        {
            using var set = await manager.PutAsJsonAsync($"/api/sales/quotas/{user.Id}/{month}", new { currency = "EUR", amount }, Token);
            set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync(Token));
        }

        using (var set = await system.Gateway.PutAsJsonAsync($"/api/sales/quotas/{outsiderUser.Id}/2031-01", new { currency = "EUR", amount = 9_000m }, Token))
        {
            set.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var teamQuotas = await QuotasAsync(manager, "from=2031-01&to=2031-12");
        teamQuotas["totalCount"]!.GetValue<long>().ShouldBe(3);
        teamQuotas["items"]!.AsArray().Select(q => (q!["userId"]!.GetValue<Guid>(), q["month"]!.GetValue<string>(), q["amount"]!.GetValue<decimal>()))
            .OrderBy(q => q.Item2).ThenBy(q => q.Item3)
            .ShouldBe([(repUser.Id, "2031-01", 5_000m), (colleagueUser.Id, "2031-01", 7_000m), (repUser.Id, "2031-02", 6_000m)]);

        var january = await QuotasAsync(manager, $"userId={repUser.Id}&from=2031-01&to=2031-01");
        january["items"]!.AsArray().ShouldHaveSingleItem()!["amount"]!.GetValue<decimal>().ShouldBe(5_000m);
        var paged = await QuotasAsync(manager, "from=2031-01&to=2031-12&pageSize=2&page=2");
        paged["items"]!.AsArray().ShouldHaveSingleItem();
        paged["totalCount"]!.GetValue<long>().ShouldBe(3);

        using var rep = await system.SignedInAsync(repUser);
        (await QuotasAsync(rep, "from=2031-01&to=2031-12"))["items"]!.AsArray()
            .Select(q => q!["userId"]!.GetValue<Guid>()).ShouldAllBe(id => id == repUser.Id);
        (await QuotasAsync(system.Gateway, $"teamId={team}&from=2031-01&to=2031-12"))["totalCount"]!.GetValue<long>().ShouldBe(3);
        (await QuotasAsync(system.Gateway, $"userId={outsiderUser.Id}&from=2031-01&to=2031-01"))["totalCount"]!.GetValue<long>().ShouldBe(1);

        using var badMonth = await manager.GetAsync("/api/sales/quotas?from=2031-13", Token);
        (await Problems.ShouldBeCleanProblemAsync(badMonth, 400)).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        using var tooLarge = await manager.GetAsync("/api/sales/quotas?pageSize=100000", Token);
        (await Problems.ShouldBeCleanProblemAsync(tooLarge, 400)).GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
    }

    private async Task<Guid?> OwnerOfNewLeadAsync(string region)
    {
        using var created = await system.Gateway.PostAsJsonAsync("/api/sales/leads", new { name = $"Lead {Guid.NewGuid():N}", region }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["ownerId"]?.GetValue<Guid>();
    }

    private static async Task<JsonObject> QuotasAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/sales/quotas?{query}", Token))!;
}

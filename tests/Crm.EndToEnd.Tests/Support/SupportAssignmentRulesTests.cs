using System.Net;
using System.Net.Http.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>Administrators route a category's new tickets to a team and pick the agent by round-robin or by load.</summary>
public sealed class SupportAssignmentRulesTests(CrmSystemFixture system) : IAsyncLifetime
{
    private const string RulePath = "/api/support/assignment-rules/Complaint";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Complaints of later tests land where their creators put them again.</summary>
    public async ValueTask DisposeAsync() => (await system.Gateway.DeleteAsync(RulePath, Token)).Dispose();

    [Fact]
    public async Task Complaints_go_to_the_rules_team_round_robin_then_to_the_least_loaded_agent_skipping_inactive_ones()
    {
        var team = await system.CreateTeamAsync();
        var agents = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            agents.Add(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        }

        var inactive = agents[2];
        (await system.Gateway.PostAsync($"/api/identity/users/{inactive.Id}/deactivate", null, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var agent in agents)
        {
            await system.WaitForSupportCopyAsync(agent);
        }

        await Eventually.HoldsAsync(async () => await system.CountAsync("supportdb", "select count(*) from users where id = @id and not is_active",
            ("id", inactive.Id)) == 1, TimeSpan.FromSeconds(10), "support knows the agent is inactive");
        var active = agents.Take(2).Select(agent => agent.Id).Order().ToArray();
        var customerId = await system.CreateSupportedCustomerAsync();

        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], team));
        (await lead.PutAsJsonAsync(RulePath, new { teamId = team, strategy = "RoundRobin" }, Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var created = await system.Gateway.PutAsJsonAsync(RulePath, new { teamId = team, strategy = "RoundRobin" }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));

        var roundRobin = new List<Guid?>();
        var tickets = new List<(Guid Id, string ETag)>();
        for (var i = 0; i < 4; i++)
        {
            var (ticket, etag) = await system.Gateway.CreateTicketAsync(Complaint(customerId));
            ticket["teamId"]!.GetValue<Guid>().ShouldBe(team);
            roundRobin.Add(ticket["assigneeId"]?.GetValue<Guid>());
            tickets.Add((ticket.IdOf(), etag));
        }

        roundRobin.ShouldBe([active[0], active[1], active[0], active[1]]);

        using var stale = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, RulePath, new { teamId = team, strategy = "LeastOpen" }, created.Headers.ETag!.Tag);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, "assigning tickets moved the rule's version");
        using var read = await system.Gateway.GetAsync(RulePath, Token);
        using var replaced = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, RulePath, new { teamId = team, strategy = "LeastOpen" }, read.Headers.ETag!.Tag);
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync(Token));
        // One of the second agent's tickets is resolved: it now has one unresolved ticket, the first agent two.
        await system.Gateway.MoveAsync(tickets[1].Id, "Resolved", tickets[1].ETag);

        var (lighter, _) = await system.Gateway.CreateTicketAsync(Complaint(customerId));
        var (tie, _) = await system.Gateway.CreateTicketAsync(Complaint(customerId));

        lighter["assigneeId"]!.GetValue<Guid>().ShouldBe(active[1]);
        tie["assigneeId"]!.GetValue<Guid>().ShouldBe(active[0], "two each: the lower id");

        using var agentClient = await system.SignedInAsync(agents[0]);
        var (taken, _) = await agentClient.CreateTicketAsync(Complaint(customerId));
        taken["assigneeId"]!.GetValue<Guid>().ShouldBe(agents[0].Id, "an agent on the call still takes the ticket");
    }

    private static System.Text.Json.Nodes.JsonObject Complaint(Guid customerId)
    {
        var ticket = SupportRequests.NewTicket(customerId);
        ticket["category"] = "Complaint";
        return ticket;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Who reaches which ticket (OWASP API1, API3, API5): agents their team's and their own, leads assign within their
/// team, marketers read without internal notes, sales not at all.
/// </summary>
public sealed class SupportAccessTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Internal_notes_never_reach_a_marketer_but_an_agent_sees_them()
    {
        var team = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        using var marketer = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.Marketer]));
        var (ticket, etag) = await agent.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        var secret = $"internal-{Guid.NewGuid():N}";
        await agent.AddCommentAsync(id, $"Customer is on the churn list, {secret}", "Internal");
        var reply = await agent.AddCommentAsync(id, "We are on it.", "Public");

        var marketerViews = new List<string>();
        foreach (var path in new[]
        {
            $"/api/support/tickets/{id}",
            $"/api/support/tickets/{id}/comments",
            $"/api/support/tickets/{id}/comments?visibility=Internal",
            $"/api/support/tickets/{id}/comments?visibility=Internal&pageSize=200",
            $"/api/support/tickets?customerId={customerId}",
        })
        {
            using var response = await marketer.GetAsync(path, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            marketerViews.Add(await response.Content.ReadAsStringAsync(Token));
        }

        foreach (var view in marketerViews)
        {
            view.ShouldNotContain(secret);
            view.ShouldNotContain("\"Internal\"");
        }

        var marketerTicket = JsonNode.Parse(marketerViews[0])!;
        marketerTicket["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).ShouldBe([reply.IdOf()]);
        JsonNode.Parse(marketerViews[1])!["items"]!.AsArray().Count.ShouldBe(1);
        JsonNode.Parse(marketerViews[2])!["items"]!.AsArray().ShouldBeEmpty();
        JsonNode.Parse(marketerViews[3])!["items"]!.AsArray().ShouldBeEmpty();
        JsonNode.Parse(marketerViews[4])!["items"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()).ShouldBe([id]);

        var (_, agentTicket, _) = await agent.ReadTicketAsync(id);
        agentTicket!["comments"]!.AsArray().Select(c => c!["visibility"]!.GetValue<string>()).ShouldBe(["Internal", "Public"]);
        agentTicket.ToJsonString().ShouldContain(secret);
        using var notes = await agent.GetAsync($"/api/support/tickets/{id}/comments?visibility=Internal", Token);
        (await notes.Content.ReadFromJsonAsync<JsonObject>(Token))!["items"]!.AsArray().Count.ShouldBe(1);

        using var comment = await marketer.PostAsJsonAsync($"/api/support/tickets/{id}/comments", new { body = "Hi", visibility = "Public" }, Token);
        using var update = await marketer.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{id}", SupportRequests.NewTicket(customerId), etag);
        using var status = await marketer.ChangeStatusAsync(id, "Open", etag);
        foreach (var refused in new[] { comment, update, status })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            await Problems.ShouldBeCleanProblemAsync(refused, 403);
        }
    }

    [Fact]
    public async Task An_agent_never_reaches_another_teams_ticket()
    {
        var teamA = await system.CreateTeamAsync();
        var teamB = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agentA = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], teamA));
        using var agentB = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], teamB));
        using var leadA = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], teamA));
        var (ticket, etag) = await agentB.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        ticket["teamId"]!.GetValue<Guid>().ShouldBe(teamB);

        foreach (var outsider in new[] { agentA, leadA })
        {
            using var read = await outsider.GetAsync($"/api/support/tickets/{id}", Token);
            using var comments = await outsider.GetAsync($"/api/support/tickets/{id}/comments", Token);
            using var comment = await outsider.PostAsJsonAsync($"/api/support/tickets/{id}/comments", new { body = "Mine now", visibility = "Internal" }, Token);
            using var update = await outsider.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{id}", SupportRequests.NewTicket(customerId), etag);
            using var status = await outsider.ChangeStatusAsync(id, "Open", etag);
            using var assignment = await outsider.AssignAsync(id, assigneeId: null, etag);
            foreach (var response in new[] { read, comments, comment, update, status, assignment })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, response.RequestMessage!.RequestUri!.ToString());
                await Problems.ShouldBeCleanProblemAsync(response, 404);
            }

            (await outsider.TicketIdsAsync($"customerId={customerId}")).ShouldBeEmpty();
            (await outsider.TicketIdsAsync($"teamId={teamB}")).ShouldBeEmpty();
            (await outsider.TicketIdsAsync("pageSize=200&sort=-createdAt")).ShouldNotContain(id);
        }

        (await agentB.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.OK);
        (await system.Gateway.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.OK);
        (await agentB.TicketIdsAsync($"customerId={customerId}")).ShouldBe([id]);
        (await agentB.ReadTicketAsync(id)).ETag.ShouldBe(etag, "nothing the outsiders sent changed the ticket");
    }

    [Fact]
    public async Task Only_leads_and_administrators_reassign_and_a_lead_only_within_the_team()
    {
        var team = await system.CreateTeamAsync();
        var otherTeam = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        var agent = await system.CreateUserAsync([CrmRoles.SupportAgent], team);
        var colleague = await system.CreateUserAsync([CrmRoles.SupportAgent], team);
        var stranger = await system.CreateUserAsync([CrmRoles.SupportAgent], otherTeam);
        using var agentClient = await system.SignedInAsync(agent);
        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], team));
        using var otherLead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], otherTeam));
        await system.WaitForSupportCopyAsync(colleague);
        await system.WaitForSupportCopyAsync(stranger);

        var (ticket, etag) = await agentClient.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        ticket["assigneeId"]!.GetValue<Guid>().ShouldBe(agent.Id, "an agent takes the ticket they open");
        ticket["teamId"]!.GetValue<Guid>().ShouldBe(team);

        using var byAgent = await agentClient.AssignAsync(id, colleague.Id, etag);
        var createdForColleague = SupportRequests.NewTicket(customerId);
        createdForColleague["assigneeId"] = colleague.Id;
        using var createdByAgent = await agentClient.PostTicketAsync(createdForColleague);
        using var toStranger = await lead.AssignAsync(id, stranger.Id, etag);
        foreach (var refused in new[] { byAgent, createdByAgent, toStranger })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await Problems.ShouldBeCleanProblemAsync(refused, 403)).GetProperty("title").GetString().ShouldBe("You may not reassign the ticket.");
        }

        using var unknown = await lead.AssignAsync(id, Guid.NewGuid(), etag);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(unknown, 400)).GetProperty("errors").TryGetProperty("assigneeId", out _).ShouldBeTrue();

        using var byLead = await lead.AssignAsync(id, colleague.Id, etag);
        byLead.StatusCode.ShouldBe(HttpStatusCode.OK, await byLead.Content.ReadAsStringAsync(Token));
        var assigned = (await byLead.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        assigned["assigneeId"]!.GetValue<Guid>().ShouldBe(colleague.Id);
        assigned["teamId"]!.GetValue<Guid>().ShouldBe(team);
        (await agentClient.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.OK, "still the agent's team's ticket");
        (await otherLead.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.NotFound);

        using var byAdministrator = await system.Gateway.AssignAsync(id, stranger.Id, byLead.Headers.ETag!.Tag);
        byAdministrator.StatusCode.ShouldBe(HttpStatusCode.OK, await byAdministrator.Content.ReadAsStringAsync(Token));
        (await byAdministrator.Content.ReadFromJsonAsync<JsonObject>(Token))!["teamId"]!.GetValue<Guid>().ShouldBe(otherTeam, "the ticket follows its assignee");
        (await lead.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherLead.ReadTicketAsync(id)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_agent_takes_a_ticket_of_the_team_queue_and_hands_it_back()
    {
        var team = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        var agent = await system.CreateUserAsync([CrmRoles.SupportAgent], team);
        using var agentClient = await system.SignedInAsync(agent);
        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], team));
        var (ticket, etag) = await lead.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        ticket["assigneeId"].ShouldBeNull("a lead's new ticket waits in the team's queue");

        using var taken = await agentClient.AssignAsync(ticket.IdOf(), agent.Id, etag);
        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync(Token));
        using var handedBack = await agentClient.AssignAsync(ticket.IdOf(), assigneeId: null, taken.Headers.ETag!.Tag);
        handedBack.StatusCode.ShouldBe(HttpStatusCode.OK, await handedBack.Content.ReadAsStringAsync(Token));
        (await handedBack.Content.ReadFromJsonAsync<JsonObject>(Token))!["assigneeId"].ShouldBeNull();
    }

    [Theory]
    [InlineData(CrmRoles.SalesRep)]
    [InlineData(CrmRoles.SalesManager)]
    public async Task Sales_roles_do_not_reach_tickets(string role)
    {
        using var client = await system.SignedInAsync(await system.CreateUserAsync([role]));

        using var list = await client.GetAsync("/api/support/tickets", Token);
        using var read = await client.GetAsync($"/api/support/tickets/{Guid.NewGuid()}", Token);

        foreach (var response in new[] { list, read })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            await Problems.ShouldBeCleanProblemAsync(response, 403);
        }
    }

    [Fact]
    public async Task A_marketer_may_not_open_a_ticket()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        using var marketer = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.Marketer]));

        using var response = await marketer.PostTicketAsync(SupportRequests.NewTicket(customerId));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Tickets: the status workflow and its events, no lost updates, first response time, lists.</summary>
public sealed class SupportTicketsTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ticket_moves_through_its_workflow_and_each_step_is_published()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], await system.CreateTeamAsync()));
        var (ticket, etag) = await agent.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        ticket["status"]!.GetValue<string>().ShouldBe("New");
        ticket["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["Open", "Pending", "Resolved"]);
        await DispatchedAsync("TicketOpened", id, 1);

        (ticket, etag) = await MoveAsync(agent, id, "Open", etag);
        (ticket, etag) = await MoveAsync(agent, id, "Pending", etag);
        (ticket, etag) = await MoveAsync(agent, id, "Resolved", etag);
        ticket["resolvedAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(ticket["createdAt"]!.GetValue<DateTimeOffset>());
        await DispatchedAsync("TicketResolved", id, 1);
        (await system.CountAsync("supportdb",
            "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Support.TicketResolved' and payload->>'ticketId' = @id " +
            "and payload->>'customerId' = @customer and payload->>'timeToResolve' is not null",
            ("id", id.ToString()), ("customer", customerId.ToString()))).ShouldBe(1);

        (ticket, etag) = await MoveAsync(agent, id, "Open", etag);
        ticket["resolvedAt"].ShouldBeNull("a reopened ticket is not resolved");
        await DispatchedAsync("TicketReopened", id, 1);

        (_, etag) = await MoveAsync(agent, id, "Resolved", etag);
        (ticket, _) = await MoveAsync(agent, id, "Closed", etag);
        ticket["closedAt"].ShouldNotBeNull();
        ticket["nextStatuses"]!.AsArray().ShouldBeEmpty();
        await DispatchedAsync("TicketResolved", id, 2);
        await DispatchedAsync("TicketClosed", id, 1);
    }

    [Fact]
    public async Task An_invalid_transition_is_a_409_naming_the_allowed_statuses()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var (ticket, etag) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();

        using var closeNew = await system.Gateway.ChangeStatusAsync(id, "Closed", etag);

        closeNew.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await Problems.ShouldBeCleanProblemAsync(closeNew, 409);
        problem.GetProperty("allowed").EnumerateArray().Select(s => s.GetString()).ShouldBe(["Open", "Pending", "Resolved"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("Open, Pending, Resolved");
        (await system.Gateway.ReadTicketAsync(id)).Ticket!["status"]!.GetValue<string>().ShouldBe("New");

        (_, etag) = await MoveAsync(system.Gateway, id, "Resolved", etag);
        (_, etag) = await MoveAsync(system.Gateway, id, "Closed", etag);
        using var reopenClosed = await system.Gateway.ChangeStatusAsync(id, "Open", etag);
        reopenClosed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problems.ShouldBeCleanProblemAsync(reopenClosed, 409)).GetProperty("allowed").EnumerateArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Changes_need_if_match_and_a_stale_one_is_a_412()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var (ticket, staleEtag) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        var path = $"/api/support/tickets/{id}";

        using var putWithout = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, path, SupportRequests.NewTicket(customerId), etag: null);
        using var statusWithout = await system.Gateway.ChangeStatusAsync(id, "Open", etag: null);
        using var assignWithout = await system.Gateway.AssignAsync(id, assigneeId: null, etag: null);
        foreach (var response in new[] { putWithout, statusWithout, assignWithout })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
            await Problems.ShouldBeCleanProblemAsync(response, 428);
        }

        var changed = SupportRequests.NewTicket(customerId, "Printer fixed itself");
        changed["priority"] = "Low";
        using var put = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, path, changed, staleEtag);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Token));
        put.Headers.ETag!.Tag.ShouldNotBe(staleEtag);
        var saved = (await put.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        saved["subject"]!.GetValue<string>().ShouldBe("Printer fixed itself");
        saved["priority"]!.GetValue<string>().ShouldBe("Low");

        using var stalePut = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, path, SupportRequests.NewTicket(customerId), staleEtag);
        using var staleStatus = await system.Gateway.ChangeStatusAsync(id, "Open", staleEtag);
        foreach (var response in new[] { stalePut, staleStatus })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            await Problems.ShouldBeCleanProblemAsync(response, 412);
        }

        (await system.Gateway.ReadTicketAsync(id)).Ticket!["subject"]!.GetValue<string>().ShouldBe("Printer fixed itself");
    }

    [Fact]
    public async Task Two_concurrent_status_changes_get_exactly_one_412()
    {
        var team = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], team));
        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], team));
        var (ticket, etag) = await agent.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();

        var changes = await Task.WhenAll(agent.ChangeStatusAsync(id, "Resolved", etag), lead.ChangeStatusAsync(id, "Pending", etag));

        changes.Select(response => response.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        await Problems.ShouldBeCleanProblemAsync(changes.Single(response => response.StatusCode == HttpStatusCode.PreconditionFailed), 412);
        var winner = (await changes.Single(response => response.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonObject>(Token))!;
        (await agent.ReadTicketAsync(id)).Ticket!["status"]!.GetValue<string>().ShouldBe(winner["status"]!.GetValue<string>());
        var resolvedEvents = winner["status"]!.GetValue<string>() == "Resolved" ? 1 : 0;
        await DispatchedAsync("TicketResolved", id, resolvedEvents);
        foreach (var response in changes)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_first_public_reply_sets_the_first_response_time_and_nothing_else_does()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], await system.CreateTeamAsync()));
        var (ticket, _) = await agent.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        var id = ticket.IdOf();
        ticket["firstResponseAt"].ShouldBeNull();

        await agent.AddCommentAsync(id, "Looks like the fuser; asked the field team.", "Internal");
        (await agent.ReadTicketAsync(id)).Ticket!["firstResponseAt"].ShouldBeNull("an internal note is no response to the customer");

        var firstReply = await agent.AddCommentAsync(id, "A technician is on the way.", "Public");
        await agent.AddCommentAsync(id, "The technician arrives at 3 pm.", "Public");

        var (_, read, _) = await agent.ReadTicketAsync(id);
        read!["firstResponseAt"]!.GetValue<DateTimeOffset>().ShouldBe(firstReply["createdAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        read["comments"]!.AsArray().Select(c => c!["body"]!.GetValue<string>())
            .ShouldBe(["Looks like the fuser; asked the field team.", "A technician is on the way.", "The technician arrives at 3 pm."]);
    }

    [Fact]
    public async Task Bad_ticket_input_is_a_400_naming_the_field()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var unknownCustomer = SupportRequests.NewTicket(Guid.NewGuid());
        var noSubject = SupportRequests.NewTicket(customerId);
        noSubject.Remove("subject");
        var badCategory = SupportRequests.NewTicket(customerId);
        badCategory["category"] = "Gossip";
        var nulInDescription = SupportRequests.NewTicket(customerId);
        nulInDescription["description"] = "Paper\u0000jam";

        foreach (var (body, field) in new[]
        {
            (unknownCustomer, "customerId"), (noSubject, "subject"), (badCategory, "category"), (nulInDescription, "description"),
        })
        {
            using var response = await system.Gateway.PostTicketAsync(body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, field);
            var errors = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors");
            errors.TryGetProperty(field, out _).ShouldBeTrue(errors.GetRawText());
        }

        var (ticket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId));
        using var noVisibility = await system.Gateway.PostAsJsonAsync($"/api/support/tickets/{ticket.IdOf()}/comments", new { body = "Hello" }, Token);
        noVisibility.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(noVisibility, 400)).GetProperty("errors").TryGetProperty("visibility", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("tickets?pageSize=100000", "pageSize")]
    [InlineData("tickets?pageSize=0", "pageSize")]
    [InlineData("tickets?sort=subject", "sort")]
    [InlineData("tickets?cursor=not-a-cursor", "cursor")]
    [InlineData("tickets?status=Gone", "status")]
    [InlineData("tickets?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdTo")]
    [InlineData("tickets/00000000-0000-0000-0000-000000000001/comments?pageSize=100000", "pageSize")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field)
    {
        using var response = await system.Gateway.GetAsync($"/api/support/{query}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetRawText();
        body.ShouldContain($"\"{field}\"", Case.Insensitive, body);
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_through_every_match_once()
    {
        var team = await system.CreateTeamAsync();
        var customerId = await system.CreateSupportedCustomerAsync();
        var priorities = new[] { "Low", "Urgent", "Normal", "Urgent", "High" };
        var created = new List<(Guid Id, string Priority, DateTimeOffset CreatedAt)>();
        foreach (var priority in priorities)
        {
            var body = SupportRequests.NewTicket(customerId);
            body["priority"] = priority;
            body["teamId"] = team;
            var (ticket, _) = await system.Gateway.CreateTicketAsync(body);
            created.Add((ticket.IdOf(), priority, ticket["createdAt"]!.GetValue<DateTimeOffset>()));
        }

        var ids = created.Select(t => t.Id).ToList();
        var byUrgency = created.OrderBy(t => Array.IndexOf(["Low", "Normal", "High", "Urgent"], t.Priority)).Select(t => t.Id).ToList();
        var expected = new Dictionary<string, List<Guid>>
        {
            ["createdAt"] = ids,
            ["-createdAt"] = [.. Enumerable.Reverse(ids)],
            ["-updatedAt"] = [.. Enumerable.Reverse(ids)],
            ["priority"] = byUrgency,
            // Most urgent first, oldest first among equals.
            ["-priority"] = [ids[1], ids[3], ids[4], ids[2], ids[0]],
        };
        foreach (var (sort, order) in expected)
        {
            (await PageThroughAsync($"teamId={team}&sort={sort}&pageSize=2")).ShouldBe(order, sort);
        }

        (await system.Gateway.TicketIdsAsync($"teamId={team}&priority=Urgent")).ShouldBe([ids[1], ids[3]]);
        (await system.Gateway.TicketIdsAsync($"customerId={customerId}&status=New&category=Incident")).ShouldBe(ids);
        (await system.Gateway.TicketIdsAsync($"teamId={team}&category=Complaint")).ShouldBeEmpty();
        // Any offset is accepted; the range is [from, to).
        var from = created[2].CreatedAt.ToOffset(TimeSpan.FromHours(2)).ToString("O", CultureInfo.InvariantCulture);
        (await system.Gateway.TicketIdsAsync($"teamId={team}&createdFrom={Uri.EscapeDataString(from)}")).ShouldBe(ids[2..]);
    }

    private async Task<List<Guid>> PageThroughAsync(string query)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            using var response = await system.Gateway.GetAsync(
                $"/api/support/tickets?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), Token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
            seen.AddRange(body["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>()));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        return seen;
    }

    private static async Task<(JsonObject Ticket, string ETag)> MoveAsync(HttpClient client, Guid id, string status, string etag)
    {
        using var response = await client.ChangeStatusAsync(id, status, etag);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
        var ticket = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        ticket["status"]!.GetValue<string>().ShouldBe(status);
        return (ticket, response.Headers.ETag!.Tag);
    }

    /// <summary>The ticket's events of <paramref name="type"/> were written to the outbox and the broker confirmed them.</summary>
    private Task DispatchedAsync(string type, Guid ticketId, int count) =>
        Eventually.HoldsAsync(
            async () => await system.CountAsync("supportdb",
                "select count(*) from outbox_messages where message_type = @type and payload->>'ticketId' = @id and dispatched_at is not null",
                ("type", $"Crm.Contracts.Support.{type}"), ("id", ticketId.ToString())) == count,
            TimeSpan.FromSeconds(10), $"{count} {type} event(s) of ticket {ticketId} dispatched");
}

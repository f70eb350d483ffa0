using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>Administrators define ticket categories; renaming keeps history, a category in use is retired rather than deleted.</summary>
public sealed class SupportCategoriesTests(CrmSystemFixture system)
{
    private const string Categories = "/api/support/categories";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_four_categories_are_seeded_and_only_administrators_change_them()
    {
        var keys = (await system.Gateway.GetFromJsonAsync<JsonArray>(Categories, Token))!.Select(c => c!["key"]!.GetValue<string>()).ToList();
        keys.ShouldContain("Question");
        keys.ShouldContain("ServiceRequest");
        keys.ShouldContain("Complaint");
        keys.ShouldContain("Incident");

        using var lead = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportLead], await system.CreateTeamAsync()));
        (await lead.GetAsync(Categories, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refused = await lead.PostAsJsonAsync(Categories, new { key = "Gossip", name = "Gossip" }, Token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var badKey = await system.Gateway.PostAsJsonAsync(Categories, new { key = "no spaces", name = "x" }, Token);
        (await Problems.ShouldBeCleanProblemAsync(badKey, 400)).GetProperty("errors").TryGetProperty("key", out _).ShouldBeTrue();
        using var taken = await system.Gateway.PostAsJsonAsync(Categories, new { key = "complaint", name = "Another" }, Token);
        await Problems.ShouldBeCleanProblemAsync(taken, 409);
    }

    [Fact]
    public async Task A_new_category_takes_tickets_and_rules_renaming_keeps_its_history_and_in_use_it_is_retired_not_deleted()
    {
        var key = $"Billing{Guid.NewGuid():N}"[..24];
        using var created = await system.Gateway.PostAsJsonAsync(Categories, new { key, name = "Billing" }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var etag = created.Headers.ETag!.Tag;

        var team = await system.CreateTeamAsync();
        using var rule = await system.Gateway.PutAsJsonAsync($"/api/support/assignment-rules/{key.ToLowerInvariant()}", new { teamId = team, strategy = "LeastOpen" }, Token);
        rule.StatusCode.ShouldBe(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Token));
        (await rule.Content.ReadFromJsonAsync<JsonObject>(Token))!["category"]!.GetValue<string>().ShouldBe(key);

        var customerId = await system.CreateSupportedCustomerAsync();
        var body = SupportRequests.NewTicket(customerId);
        body["category"] = key.ToUpperInvariant();
        var (ticket, _) = await system.Gateway.CreateTicketAsync(body);
        ticket["category"]!.GetValue<string>().ShouldBe(key, "stored under the category's own key");
        ticket["teamId"]!.GetValue<Guid>().ShouldBe(team, "the category's assignment rule routed it");

        using var renamed = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"{Categories}/{key}", new { name = "Invoices and payments" }, etag);
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync(Token));
        etag = renamed.Headers.ETag!.Tag;
        (await system.Gateway.ReadTicketAsync(ticket.IdOf())).Ticket!["category"]!.GetValue<string>().ShouldBe(key);
        (await system.Gateway.TicketIdsAsync($"category={key}&customerId={customerId}")).ShouldBe([ticket.IdOf()]);
        var (now, _) = await system.Gateway.ServiceClockAsync();
        var metrics = (await system.Gateway.GetFromJsonAsync<JsonObject>(
            $"/api/support/metrics?from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}&teamId={team}", Token))!;
        var row = metrics["createdByCategory"]!.AsArray().ShouldHaveSingleItem()!;
        row["category"]!.GetValue<string>().ShouldBe(key);
        row["categoryName"]!.GetValue<string>().ShouldBe("Invoices and payments", "the history reads under the new name");
        row["count"]!.GetValue<int>().ShouldBe(1);

        using var deleteInUse = await system.Gateway.DeleteAsync($"{Categories}/{key}", Token);
        var problem = await Problems.ShouldBeCleanProblemAsync(deleteInUse, 409);
        problem.GetProperty("usedBy").EnumerateArray().Select(u => u.GetString()).ShouldContain("tickets");

        using var retired = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"{Categories}/{key}", new { name = "Invoices and payments", active = false }, etag);
        retired.StatusCode.ShouldBe(HttpStatusCode.OK, await retired.Content.ReadAsStringAsync(Token));
        using var refusedTicket = await system.Gateway.PostTicketAsync(body);
        (await Problems.ShouldBeCleanProblemAsync(refusedTicket, 400)).GetProperty("errors").TryGetProperty("category", out _).ShouldBeTrue();
        var (_, existing, ticketEtag) = await system.Gateway.ReadTicketAsync(ticket.IdOf());
        var edit = SupportRequests.NewTicket(customerId, "Still about billing");
        edit["category"] = key;
        using var kept = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{existing!.IdOf()}", edit, ticketEtag);
        kept.StatusCode.ShouldBe(HttpStatusCode.OK, "a ticket keeps its retired category when edited");

        var unusedKey = $"Unused{Guid.NewGuid():N}"[..20];
        using (var unused = await system.Gateway.PostAsJsonAsync(Categories, new { key = unusedKey, name = "Unused" }, Token))
        {
            unused.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var deleted = await system.Gateway.DeleteAsync($"{Categories}/{unusedKey}", Token);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await system.Gateway.GetAsync($"{Categories}/{unusedKey}", Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>Tags on tickets (normalised, bounded, filterable in the list and an agent's queue) and the contact person a ticket names.</summary>
public sealed class SupportTagsAndContactsTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tags_are_normalised_changed_with_if_match_and_filter_the_list_and_the_queue()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        using var agent = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SupportAgent], await system.CreateTeamAsync()));
        var marker = $"batch-{Guid.NewGuid():N}"[..30];
        var body = SupportRequests.NewTicket(customerId);
        body["tags"] = new JsonArray(" Billing  Issue ", "billing-issue", marker.ToUpperInvariant());
        var (tagged, etag) = await agent.CreateTicketAsync(body);
        var (untagged, _) = await agent.CreateTicketAsync(SupportRequests.NewTicket(customerId));

        Tags(tagged).ShouldBe([marker, "billing-issue"], ignoreOrder: true);
        (await agent.TicketIdsAsync($"tag={marker}")).ShouldBe([tagged.IdOf()]);
        (await agent.TicketIdsAsync($"tag=Billing%20Issue&customerId={customerId}")).ShouldBe([tagged.IdOf()]);
        (await agent.TicketIdsAsync($"tag={marker}&assigneeId={tagged["assigneeId"]}&status=New&sort=-priority"))
            .ShouldBe([tagged.IdOf()], "the agent's own queue filtered by tag");

        var update = SupportRequests.NewTicket(customerId, tagged["subject"]!.GetValue<string>());
        update["tags"] = new JsonArray(marker, "vip");
        using var withoutIfMatch = await agent.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{tagged.IdOf()}", update, etag: null);
        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        using var updated = await agent.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{tagged.IdOf()}", update, etag);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Token));
        Tags((await updated.Content.ReadFromJsonAsync<JsonObject>(Token))!).ShouldBe([marker, "vip"], ignoreOrder: true);
        (await agent.TicketIdsAsync($"tag=billing-issue&customerId={customerId}")).ShouldBeEmpty("the removed tag no longer finds it");
        (await agent.TicketIdsAsync($"tag=vip&customerId={customerId}")).ShouldBe([tagged.IdOf()]);
        (await agent.ReadTicketAsync(untagged.IdOf())).Ticket!["tags"]!.AsArray().ShouldBeEmpty();

        var tooMany = SupportRequests.NewTicket(customerId);
        tooMany["tags"] = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)$"t{i}")]);
        await ShouldNameFieldAsync(await agent.PostTicketAsync(tooMany), "tags");
        var tooLong = SupportRequests.NewTicket(customerId);
        tooLong["tags"] = new JsonArray(new string('a', 41));
        await ShouldNameFieldAsync(await agent.PostTicketAsync(tooLong), "tags");
        var badCharacters = SupportRequests.NewTicket(customerId);
        badCharacters["tags"] = new JsonArray("<script>");
        await ShouldNameFieldAsync(await agent.PostTicketAsync(badCharacters), "tags");
        using var badFilter = await agent.GetAsync("/api/support/tickets?tag=%3Cx%3E", Token);
        (await Problems.ShouldBeCleanProblemAsync(badFilter, 400)).GetProperty("errors").TryGetProperty("tag", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_ticket_names_a_person_of_the_customer_as_contact_and_nobody_else()
    {
        var companyId = await system.CreateSupportedCustomerAsync();
        var colleague = await CreatePersonAsync(companyId);
        var stranger = await CreatePersonAsync(await system.CreateSupportedCustomerAsync());
        var individual = await CreatePersonAsync(companyId: null);

        var body = SupportRequests.NewTicket(companyId);
        body["contactId"] = colleague;
        var (ticket, etag) = await system.Gateway.CreateTicketAsync(body);
        ticket["contactId"]!.GetValue<Guid>().ShouldBe(colleague);

        var own = SupportRequests.NewTicket(individual);
        own["contactId"] = individual;
        (await system.Gateway.CreateTicketAsync(own)).Ticket["contactId"]!.GetValue<Guid>().ShouldBe(individual, "an individual is its own contact");

        var foreign = SupportRequests.NewTicket(companyId);
        foreign["contactId"] = stranger;
        await ShouldNameFieldAsync(await system.Gateway.PostTicketAsync(foreign), "contactId");
        var unknown = SupportRequests.NewTicket(companyId);
        unknown["contactId"] = Guid.NewGuid();
        await ShouldNameFieldAsync(await system.Gateway.PostTicketAsync(unknown), "contactId");
        var companyAsContact = SupportRequests.NewTicket(companyId);
        companyAsContact["contactId"] = companyId;
        await ShouldNameFieldAsync(await system.Gateway.PostTicketAsync(companyAsContact), "contactId");

        var update = SupportRequests.NewTicket(companyId, ticket["subject"]!.GetValue<string>());
        update["contactId"] = stranger;
        await ShouldNameFieldAsync(
            await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{ticket.IdOf()}", update, etag), "contactId");
        update.Remove("contactId");
        using var cleared = await system.Gateway.SendWithIfMatchAsync(HttpMethod.Put, $"/api/support/tickets/{ticket.IdOf()}", update, etag);
        cleared.StatusCode.ShouldBe(HttpStatusCode.OK, await cleared.Content.ReadAsStringAsync(Token));
        (await cleared.Content.ReadFromJsonAsync<JsonObject>(Token))!["contactId"].ShouldBeNull();
    }

    private async Task<Guid> CreatePersonAsync(Guid? companyId)
    {
        using var created = await system.Gateway.PostCustomerAsync(new
        {
            kind = "Person",
            name = $"Pat {Guid.NewGuid():N}",
            email = $"pat+{Guid.NewGuid():N}@example.org",
            companyId,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", id), TimeSpan.FromSeconds(10), "support has the person");
        return id;
    }

    private static string[] Tags(JsonObject ticket) => [.. ticket["tags"]!.AsArray().Select(tag => tag!.GetValue<string>())];

    private static async Task ShouldNameFieldAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            var problem = await Problems.ShouldBeCleanProblemAsync(response, 400);
            problem.GetProperty("errors").EnumerateObject().Select(error => error.Name)
                .ShouldContain(name => name.StartsWith(field, StringComparison.OrdinalIgnoreCase));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.Contracts.Marketing;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Sales;

/// <summary>Leads: marketing's hand-off assigned by rule, ownership, status rules, and conversion into a customer and a deal.</summary>
public sealed class SalesLeadTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Marketing_hand_offs_become_one_lead_per_person_assigned_in_turn_to_the_teams_active_reps()
    {
        var team = await system.CreateTeamAsync();
        var reps = new[]
        {
            await system.CreateUserAsync([CrmRoles.SalesRep], team),
            await system.CreateUserAsync([CrmRoles.SalesRep], team),
            await system.CreateUserAsync([CrmRoles.SalesRep], team),
        };
        using (var deactivated = await system.Gateway.PostAsync($"/api/identity/users/{reps[2].Id}/deactivate", null, Token))
        {
            deactivated.IsSuccessStatusCode.ShouldBeTrue();
        }

        await system.UsersKnownToSalesAsync(reps);
        await Eventually.HoldsAsync(async () => await system.CountAsync("salesdb", "select count(*) from users where id = @id and not is_active",
            ("id", reps[2].Id)) == 1, SalesRequests.EventDeadline, "sales knows the third rep is inactive");
        var region = $"Region {Guid.NewGuid():N}";
        using (var rule = await system.Gateway.PostAsJsonAsync(AssignmentRules, new { position = 0, name = "Round-robin", region, teamId = team }, Token))
        {
            rule.StatusCode.ShouldBe(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Token));
        }

        var firstContact = Guid.NewGuid();
        var secondContact = Guid.NewGuid();
        var campaign = Guid.NewGuid();
        await system.PublishAsync(HandOff(firstContact, region, 55, ["opened newsletter (+5)", "visited pricing (+50)"], campaign));
        await system.PublishAsync(HandOff(secondContact, region, 60, ["webinar (+60)"], campaign));

        var first = await LeadOfAsync(firstContact);
        var second = await LeadOfAsync(secondContact);
        var owners = new[] { first["ownerId"]!.GetValue<Guid>(), second["ownerId"]!.GetValue<Guid>() };
        owners.Order().ShouldBe(new[] { reps[0].Id, reps[1].Id }.Order(), "each active rep takes a turn; the inactive one is skipped");
        first["status"]!.GetValue<string>().ShouldBe("New");
        first["campaignId"]!.GetValue<Guid>().ShouldBe(campaign);
        var firstId = first["id"]!.GetValue<Guid>();
        await Eventually.HoldsAsync(async () => await system.DispatchedLeadEventsAsync("LeadCreated", firstId) == 1,
            SalesRequests.EventDeadline, "LeadCreated is published");

        // The same person again: their lead's score and reasons change and the history grows; no second lead.
        await system.PublishAsync(HandOff(firstContact, region, 90, ["requested demo (+35)"], campaign));
        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadLeadAsync(firstId)).Body["score"]!.GetValue<int>() == 90,
            SalesRequests.EventDeadline, "the repeat hand-off updates the score");
        var (updated, _) = await system.Gateway.ReadLeadAsync(firstId);
        updated["scoreReasons"]!.AsArray().Select(reason => reason!.GetValue<string>()).ShouldBe(["requested demo (+35)"]);
        updated["handOffs"]!.AsArray().Select(handOff => handOff!["score"]!.GetValue<int>()).ShouldBe([55, 90]);
        updated["ownerId"]!.GetValue<Guid>().ShouldBe(owners[0]);
        (await system.CountAsync("salesdb", "select count(*) from leads where contact_id = @contact", ("contact", firstContact))).ShouldBe(1);

        // The owner sees the lead; the other rep of the team does not.
        using var owner = await system.SignedInAsync(reps.Single(rep => rep.Id == owners[0]));
        using var other = await system.SignedInAsync(reps.Single(rep => rep.Id == owners[1]));
        (await owner.ReadLeadAsync(firstId)).Body["id"]!.GetValue<Guid>().ShouldBe(firstId);
        using var hidden = await other.GetAsync($"{LeadRequests.Leads}/{firstId}", Token);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.FindLeadsAsync($"q={Uri.EscapeDataString(region)}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_changes_need_if_match_a_reason_to_disqualify_and_qualifying_publishes_lead_qualified()
    {
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var (lead, etag) = await rep.CreateLeadAsync(LeadRequests.NewLead());
        var id = lead["id"]!.GetValue<Guid>();
        var path = $"{LeadRequests.Leads}/{id}/status";

        using var withoutIfMatch = await rep.SendAsync(HttpMethod.Post, path, new { status = "Qualified" }, etag: null);
        using var withoutReason = await rep.SendAsync(HttpMethod.Post, path, new { status = "Disqualified" }, etag);
        using var toConverted = await rep.SendAsync(HttpMethod.Post, path, new { status = "Converted" }, etag);
        using var qualified = await rep.SendAsync(HttpMethod.Post, path, new { status = "Qualified" }, etag);
        using var stale = await rep.SendAsync(HttpMethod.Post, path, new { status = "Contacted" }, etag);

        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        (await Problems.ShouldBeCleanProblemAsync(withoutReason, 400)).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await Problems.ShouldBeCleanProblemAsync(toConverted, 400)).GetProperty("errors").TryGetProperty("status", out _).ShouldBeTrue();
        qualified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await qualified.Content.ReadFromJsonAsync<JsonObject>(Token))!["status"]!.GetValue<string>().ShouldBe("Qualified");
        await Problems.ShouldBeCleanProblemAsync(stale, 412);
        await Eventually.HoldsAsync(async () => await system.DispatchedLeadEventsAsync("LeadQualified", id) == 1,
            SalesRequests.EventDeadline, "LeadQualified is published once");

        using var disqualified = await rep.SendAsync(HttpMethod.Post, path, new { status = "Disqualified", reason = "Student, no budget" },
            qualified.Headers.ETag!.Tag);
        disqualified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await disqualified.Content.ReadFromJsonAsync<JsonObject>(Token))!["disqualifiedReason"]!.GetValue<string>().ShouldBe("Student, no budget");
    }

    [Fact]
    public async Task Converting_a_lead_creates_the_customer_in_the_customer_service_and_a_deal_and_cannot_happen_twice()
    {
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        await system.UsersKnownToSalesAsync(repUser);
        using var rep = await system.SignedInAsync(repUser);
        var (lead, etag) = await rep.CreateLeadAsync(LeadRequests.NewLead());
        var id = lead["id"]!.GetValue<Guid>();
        lead["ownerId"]!.GetValue<Guid>().ShouldBe(repUser.Id);
        var convert = $"{LeadRequests.Leads}/{id}/convert";
        var body = new { opportunity = new { name = "First order", amount = 12_500m, currency = "EUR", expectedCloseDate = "2027-06-30" } };

        using var withoutIfMatch = await rep.SendAsync(HttpMethod.Post, convert, body, etag: null);
        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        using var converted = await rep.SendAsync(HttpMethod.Post, convert, body, etag);
        converted.StatusCode.ShouldBe(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync(Token));
        var result = (await converted.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        result["status"]!.GetValue<string>().ShouldBe("Converted");
        var customerId = result["customerId"]!.GetValue<Guid>();
        var opportunityId = result["opportunityId"]!.GetValue<Guid>();

        var (deal, _) = await rep.ReadOpportunityAsync(opportunityId);
        deal["customerId"]!.GetValue<Guid>().ShouldBe(customerId);
        deal["leadId"]!.GetValue<Guid>().ShouldBe(id);
        deal["amount"]!.GetValue<decimal>().ShouldBe(12_500m);
        deal["ownerId"]!.GetValue<Guid>().ShouldBe(repUser.Id);

        await Eventually.HoldsAsync(async () =>
        {
            using var response = await system.Gateway.GetAsync($"/api/customers/{customerId}", Token);
            return response.StatusCode == HttpStatusCode.OK;
        }, SalesRequests.EventDeadline, "the customer service created the converted lead's customer");
        var customer = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{customerId}", Token))!;
        customer["email"]!.GetValue<string>().ShouldBe(lead["email"]!.GetValue<string>());

        using var again = await rep.SendAsync(HttpMethod.Post, convert, body, converted.Headers.ETag!.Tag);
        await Problems.ShouldBeCleanProblemAsync(again, 409);
        (await system.CountAsync("salesdb", "select count(*) from opportunities where lead_id = @id", ("id", id))).ShouldBe(1);
    }

    [Fact]
    public async Task A_lead_with_the_e_mail_of_a_known_customer_is_linked_to_that_customer()
    {
        var email = $"known+{Guid.NewGuid():N}@example.test";
        using var created = await system.Gateway.PostCustomerAsync(new
        {
            kind = "Company",
            name = $"Known {Guid.NewGuid():N}",
            email,
            phone = $"+49 89 {Random.Shared.Next(10_000_000, 99_999_999)}",
            region = "EMEA",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customerId = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(async () => await system.CountAsync("salesdb", "select count(*) from customers where id = @id and email = @email",
            ("id", customerId), ("email", email)) == 1, SalesRequests.EventDeadline, "sales has the customer's e-mail");
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var (lead, etag) = await rep.CreateLeadAsync(LeadRequests.NewLead(email: email.ToUpperInvariant()));

        using var converted = await rep.SendAsync(HttpMethod.Post, $"{LeadRequests.Leads}/{lead["id"]}/convert", new { }, etag);

        converted.StatusCode.ShouldBe(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync(Token));
        var result = (await converted.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        result["customerId"]!.GetValue<Guid>().ShouldBe(customerId);
        result["opportunityId"].ShouldBeNull();
    }

    [Fact]
    public async Task An_import_creates_every_lead_assigned_by_rule_or_none_when_one_row_is_bad()
    {
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        await system.UsersKnownToSalesAsync(repUser);
        var region = $"Region {Guid.NewGuid():N}";
        using (var rule = await system.Gateway.PostAsJsonAsync(AssignmentRules, new { position = 0, name = "Fair leads", region, userId = repUser.Id }, Token))
        {
            rule.StatusCode.ShouldBe(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Token));
        }

        using var bad = await system.Gateway.PostAsJsonAsync($"{LeadRequests.Leads}/import",
            new { leads = new[] { LeadRequests.NewLead(region: region), LeadRequests.NewLead(email: "not an e-mail", region: region) } }, Token);
        (await Problems.ShouldBeCleanProblemAsync(bad, 400)).GetProperty("errors").TryGetProperty("leads[1].email", out _).ShouldBeTrue();
        (await system.CountAsync("salesdb", "select count(*) from leads where region = @region", ("region", region))).ShouldBe(0);

        using var imported = await system.Gateway.PostAsJsonAsync($"{LeadRequests.Leads}/import",
            new { leads = new[] { LeadRequests.NewLead(region: region), LeadRequests.NewLead(region: region) } }, Token);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Token));
        var ids = (await imported.Content.ReadFromJsonAsync<JsonObject>(Token))!["ids"]!.AsArray().Select(id => id!.GetValue<Guid>()).ToList();
        ids.Count.ShouldBe(2);
        foreach (var id in ids)
        {
            var (lead, _) = await system.Gateway.ReadLeadAsync(id);
            lead["ownerId"]!.GetValue<Guid>().ShouldBe(repUser.Id);
            lead["source"]!.GetValue<string>().ShouldBe("Web form");
        }
    }

    [Fact]
    public async Task Erasing_the_customer_removes_the_personal_data_of_the_lead_it_came_from()
    {
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var (lead, etag) = await rep.CreateLeadAsync(LeadRequests.NewLead());
        var id = lead["id"]!.GetValue<Guid>();
        using var converted = await rep.SendAsync(HttpMethod.Post, $"{LeadRequests.Leads}/{id}/convert", new { kind = "Person" }, etag);
        converted.StatusCode.ShouldBe(HttpStatusCode.OK, await converted.Content.ReadAsStringAsync(Token));
        var customerId = (await converted.Content.ReadFromJsonAsync<JsonObject>(Token))!["customerId"]!.GetValue<Guid>();
        string? customerETag = null;
        await Eventually.HoldsAsync(async () =>
        {
            using var read = await system.Gateway.GetAsync($"/api/customers/{customerId}", Token);
            customerETag = read.Headers.ETag?.Tag;
            return read.StatusCode == HttpStatusCode.OK;
        }, SalesRequests.EventDeadline, "the customer service created the customer");

        using var erased = await system.Gateway.SendAsync(HttpMethod.Post, $"/api/customers/{customerId}/erase", null, customerETag);
        erased.StatusCode.ShouldBe(HttpStatusCode.NoContent, await erased.Content.ReadAsStringAsync(Token));

        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadLeadAsync(id)).Body["name"]!.GetValue<string>() == "Erased customer",
            SalesRequests.EventDeadline, "the lead is anonymised");
        var (anonymised, _) = await system.Gateway.ReadLeadAsync(id);
        anonymised["email"].ShouldBeNull();
        anonymised["phone"].ShouldBeNull();
        anonymised["company"].ShouldBeNull();
    }

    private const string AssignmentRules = "/api/sales/lead-assignment-rules";

    private static LeadHandedOff HandOff(Guid contactId, string region, int score, string[] reasons, Guid campaignId) => new(
        contactId, CustomerId: null, Name: $"Person {Guid.NewGuid():N}", Email: $"person+{Guid.NewGuid():N}@example.test", Phone: null,
        Company: "Hand-off Ltd", Region: region, Source: "Newsletter", score, reasons,
        FirstTouch: new MarketingTouch(campaignId, "Newsletter", "newsletter", "email", "spring", DateTimeOffset.UtcNow),
        LastTouch: null, OccurredAt: DateTimeOffset.UtcNow);

    /// <summary>The lead of marketing's contact, once the hand-off has been consumed.</summary>
    private async Task<JsonObject> LeadOfAsync(Guid contactId)
    {
        JsonObject? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var id = await system.CountAsync("salesdb", "select count(*) from leads where contact_id = @contact", ("contact", contactId));
            if (id == 0)
            {
                return false;
            }

            var all = await system.Gateway.FindLeadsAsync("sort=-createdAt");
            found = all.Select(item => item!.AsObject()).FirstOrDefault(item => item["contactId"]?.GetValue<Guid>() == contactId);
            return found is not null;
        }, SalesRequests.EventDeadline, $"a lead for contact {contactId}");
        return found!;
    }
}

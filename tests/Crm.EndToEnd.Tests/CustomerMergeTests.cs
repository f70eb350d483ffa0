using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Merging two records of one customer: values, history, timeline, and every other service's references.</summary>
public sealed class CustomerMergeTests(CrmSystemFixture system)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_merge_keeps_the_primarys_values_fills_its_gaps_moves_all_history_and_repoints_deals_and_tickets()
    {
        var (primary, primaryETag) = await CreateAsync(new { kind = "Company", name = $"Merge Primary {Guid.NewGuid():N}", region = "EMEA", tags = new[] { "a" } });
        var secondaryEmail = $"merge-{Guid.NewGuid():N}@example.test";
        var (secondary, _) = await CreateAsync(new { kind = "Company", name = $"Second Record {Guid.NewGuid():N}", region = "APAC", email = secondaryEmail, tags = new[] { "b" } });
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("sales", secondary), EventDeadline, "sales knows the secondary");
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("sales", primary), EventDeadline, "sales knows the primary");
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", secondary), EventDeadline, "support knows the secondary");
        var (deal, _) = await system.Gateway.CreateOpportunityAsync(SalesRequests.NewOpportunity(secondary));
        var (ticket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(secondary));
        (await system.Gateway.PostAsJsonAsync($"/api/customers/{secondary}/purchases",
            new { purchasedAt = DateTimeOffset.UtcNow, amount = 99m, currency = "EUR" }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var secondaryETag = await ETagOfAsync(secondary);

        using var merged = await MergeAsync(primary, primaryETag, secondary, secondaryETag);

        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync(Token));
        var body = (await merged.Content.ReadFromJsonAsync<JsonObject>(Token))!;
        body["region"]!.GetValue<string>().ShouldBe("EMEA", "the primary's value wins");
        body["email"]!.GetValue<string>().ShouldBe(secondaryEmail, "an empty field is filled from the secondary");
        body["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()).ShouldBe(["a", "b"]);
        (await system.Gateway.GetAsync($"/api/customers/{secondary}", Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var purchases = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{primary}/purchases", Token))!;
        purchases["items"]!.AsArray().Select(p => p!["amount"]!.GetValue<decimal>()).ShouldContain(99m);
        var kinds = (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, primary)).Select(e => e["kind"]!.GetValue<string>()).ToList();
        kinds.ShouldContain("customer.merged");
        kinds.ShouldContain("purchase.recorded", "the secondary's timeline moved to the primary");

        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadOpportunityAsync(deal)).Body["customerId"]!.GetValue<Guid>() == primary,
            EventDeadline, "the deal now belongs to the primary");
        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadTicketAsync(ticket.IdOf())).Ticket!["customerId"]!.GetValue<Guid>() == primary,
            EventDeadline, "the ticket now belongs to the primary");
        await Eventually.HoldsAsync(async () => !await system.Gateway.HasCopyAsync("marketing", secondary), EventDeadline, "marketing dropped the secondary");
    }

    [Fact]
    public async Task A_merge_needs_both_versions_and_refuses_a_stale_one()
    {
        var (primary, primaryETag) = await CreateAsync(CustomerRequests.NewCompany());
        var (secondary, secondaryETag) = await CreateAsync(CustomerRequests.NewCompany());
        using var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{secondary}")
        {
            Content = JsonContent.Create(new { name = $"Changed {Guid.NewGuid():N}" }),
        };
        rename.Headers.IfMatch.Add(new EntityTagHeaderValue(secondaryETag));
        (await system.Gateway.SendAsync(rename, Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var withoutIfMatch = await system.Gateway.PostAsJsonAsync($"/api/customers/{primary}/merge", new { secondaryId = secondary, secondaryETag }, Token);
        using var stale = await MergeAsync(primary, primaryETag, secondary, secondaryETag);

        withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await system.Gateway.GetAsync($"/api/customers/{secondary}", Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rep_may_not_merge_and_a_person_does_not_merge_into_a_company()
    {
        var (company, companyETag) = await CreateAsync(CustomerRequests.NewCompany());
        var (person, personETag) = await CreateAsync(new { kind = "Person", name = $"Pat {Guid.NewGuid():N}" });
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));

        using var byRep = await MergeAsync(company, companyETag, person, personETag, rep);
        using var mixed = await MergeAsync(company, companyETag, person, personETag);

        byRep.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        mixed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private async Task<(Guid Id, string ETag)> CreateAsync(object body)
    {
        using var created = await system.Gateway.PostCustomerAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        return (await created.CreatedIdAsync(), created.Headers.ETag!.Tag);
    }

    private async Task<string> ETagOfAsync(Guid id)
    {
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        return read.Headers.ETag!.Tag;
    }

    private async Task<HttpResponseMessage> MergeAsync(Guid primary, string primaryETag, Guid secondary, string secondaryETag, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{primary}/merge")
        {
            Content = JsonContent.Create(new { secondaryId = secondary, secondaryETag }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(primaryETag));
        return await (client ?? system.Gateway).SendAsync(request, Token);
    }
}

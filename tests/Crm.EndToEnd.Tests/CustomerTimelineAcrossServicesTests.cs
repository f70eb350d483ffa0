using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>One view of the customer for every team: what sales and support do shows on the customer's timeline.</summary>
public sealed class CustomerTimelineAcrossServicesTests(CrmSystemFixture system)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_won_deal_becomes_a_purchase_once_and_shows_on_the_timeline()
    {
        var customerId = await system.CustomerKnownToSalesAsync();
        using var rep = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        var pipeline = await rep.DefaultPipelineAsync();
        var (id, etag) = await rep.CreateOpportunityAsync(SalesRequests.NewOpportunity(customerId, amount: 4200m));

        using var won = await rep.MoveStageAsync(id, pipeline.Stages["Won"], etag);
        won.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => (await KindsAsync(customerId)).Contains("deal.won"), EventDeadline, "the timeline shows the won deal");
        var kinds = await KindsAsync(customerId);
        kinds.ShouldContain("deal.created");
        kinds.ShouldContain("deal.stage-changed");
        var purchases = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{customerId}/purchases", Token))!;
        var purchase = purchases["items"]!.AsArray().ShouldHaveSingleItem()!;
        purchase["amount"]!.GetValue<decimal>().ShouldBe(4200m);
        purchase["source"]!.GetValue<string>().ShouldBe("sales");
        purchase["sourceReference"]!.GetValue<string>().ShouldBe(id.ToString());
    }

    [Fact]
    public async Task Opening_and_resolving_a_ticket_shows_on_the_timeline()
    {
        var customerId = await system.CreateSupportedCustomerAsync();
        var (ticket, etag) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(customerId, "Invoice is wrong"));

        using var resolved = await system.Gateway.ChangeStatusAsync(ticket.IdOf(), "Resolved", etag);
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.HoldsAsync(async () => (await KindsAsync(customerId)).Contains("ticket.resolved"), EventDeadline, "the timeline shows the resolved ticket");
        var entries = await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, customerId);
        var opened = entries.Single(entry => entry["kind"]!.GetValue<string>() == "ticket.opened");
        opened["service"]!.GetValue<string>().ShouldBe("support");
        opened["summary"]!.GetValue<string>().ShouldContain("Invoice is wrong");
        using var supportOnly = await system.Gateway.GetAsync($"/api/customers/{customerId}/timeline?service=support", Token);
        (await supportOnly.Content.ReadFromJsonAsync<JsonObject>(Token))!["items"]!.AsArray()
            .ShouldAllBe(entry => entry!["service"]!.GetValue<string>() == "support");
    }

    private async Task<List<string>> KindsAsync(Guid customerId) =>
        [.. (await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, customerId)).Select(entry => entry["kind"]!.GetValue<string>())];
}

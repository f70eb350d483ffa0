using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>A person asked to be forgotten: their tickets keep what counts for metrics and lose everything they said.</summary>
public sealed class SupportErasureTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasing_a_customer_anonymises_its_tickets_and_keeps_their_figures()
    {
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Erik Forgetme {Guid.NewGuid():N}", email = $"erik-{Guid.NewGuid():N}@example.test" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customerId = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("support", customerId), TimeSpan.FromSeconds(10), "support has the customer");
        var body = SupportRequests.NewTicket(customerId, "Erik's router keeps rebooting");
        body["description"] = "Erik lives at 12 Elm Street and calls from +49 40 5550199.";
        var (ticket, _) = await system.Gateway.CreateTicketAsync(body);
        var id = ticket.IdOf();
        await system.Gateway.AddCommentAsync(id, "Hi Erik, we will call you at +49 40 5550199.", "Public");
        await system.Gateway.AddCommentAsync(id, "Erik sounded upset.", "Internal");
        var (otherTicket, _) = await system.Gateway.CreateTicketAsync(SupportRequests.NewTicket(await system.CreateSupportedCustomerAsync(), "Someone else's printer"));

        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{customerId}/erase");
        using (var read = await system.Gateway.GetAsync($"/api/customers/{customerId}", Token))
        {
            erase.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        }

        (await system.Gateway.SendAsync(erase, Token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await Eventually.HoldsAsync(async () => (await system.Gateway.ReadTicketAsync(id)).Ticket!["subject"]!.GetValue<string>() == "[erased]",
            TimeSpan.FromSeconds(10), "the ticket is anonymised");
        var (_, erased, _) = await system.Gateway.ReadTicketAsync(id);
        erased!["description"]!.GetValue<string>().ShouldBeEmpty();
        erased["comments"]!.AsArray().Select(c => c!["body"]!.GetValue<string>()).ShouldBe(["[erased]", "[erased]"]);
        erased.ToJsonString().ShouldNotContain("Erik");
        erased.ToJsonString().ShouldNotContain("5550199");
        foreach (var kept in new[] { "id", "customerId", "category", "priority", "channel", "status", "teamId" })
        {
            JsonNode.DeepEquals(erased[kept], ticket[kept]).ShouldBeTrue($"{kept} stays");
        }

        erased["createdAt"].Time().ShouldBeAbout(ticket["createdAt"].Time());
        erased["comments"]!.AsArray().Select(c => c!["visibility"]!.GetValue<string>()).ShouldBe(["Public", "Internal"]);
        var copy = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/customers/{customerId}", Token))!;
        copy["name"]!.GetValue<string>().ShouldBe("Erased customer");
        copy["email"].ShouldBeNull();
        (await system.Gateway.ReadTicketAsync(otherTicket.IdOf())).Ticket!["subject"]!.GetValue<string>().ShouldBe("Someone else's printer");
    }
}

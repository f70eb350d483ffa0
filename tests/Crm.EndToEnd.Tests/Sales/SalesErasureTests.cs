using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Sales;

/// <summary>A person asked to be forgotten: sales keeps the figures of their deals and tasks and loses every text about them.</summary>
public sealed class SalesErasureTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasing_a_customer_scrubs_leads_deal_names_and_task_texts_and_keeps_amounts_and_dates()
    {
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        await system.UsersKnownToSalesAsync(repUser);
        using var rep = await system.SignedInAsync(repUser);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var email = $"erika.{marker}@example.test";
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Erika Forgetme{marker}", email, ownerId = repUser.Id });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var customerId = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("sales", customerId), SalesRequests.EventDeadline, "sales has the customer's copy");

        // The same person as a lead (found by e-mail), a deal named after her, and tasks people wrote about her.
        var lead = await CreatedAsync(rep, "/api/sales/leads",
            new { name = $"Erika Forgetme{marker}", company = $"Forgetme{marker} Kitchens", email = email.ToUpperInvariant(), phone = "+49 40 5550199" });
        var deal = await CreatedAsync(rep, SalesRequests.Opportunities, new
        {
            name = $"Erika Forgetme{marker}'s kitchen", customerId, amount = 12_345.67m, currency = "EUR", expectedCloseDate = "2027-05-31",
        });
        var dueAt = new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var call = await CreatedAsync(rep, "/api/sales/tasks", new
        {
            kind = "Call", title = $"Call Erika Forgetme{marker} back", notes = $"Forgetme{marker} is reachable on +49 40 5550199", dueAt, customerId,
        });
        var aboutDeal = await CreatedAsync(rep, "/api/sales/tasks", new
        {
            kind = "Email", title = $"Send Forgetme{marker} the quote", dueAt, opportunityId = deal["id"]!.GetValue<Guid>(),
        });
        var unrelated = await CreatedAsync(rep, "/api/sales/tasks", new { kind = "ToDo", title = $"Order brochures {marker}", dueAt });

        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{customerId}/erase");
        using (var read = await system.Gateway.GetAsync($"/api/customers/{customerId}", Token))
        {
            erase.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        }

        (await system.Gateway.SendAsync(erase, Token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var callId = call["id"]!.GetValue<Guid>();
        await Eventually.HoldsAsync(async () => (await ReadAsync(rep, $"/api/sales/tasks/{callId}"))["title"]!.GetValue<string>() != call["title"]!.GetValue<string>(),
            SalesRequests.EventDeadline, "the task is scrubbed");

        var erasedCall = await ReadAsync(rep, $"/api/sales/tasks/{callId}");
        erasedCall["title"]!.GetValue<string>().ShouldBe("Task about an erased customer");
        erasedCall["notes"].ShouldBeNull();
        erasedCall["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(dueAt);
        erasedCall["customerId"]!.GetValue<Guid>().ShouldBe(customerId);
        (await ReadAsync(rep, $"/api/sales/tasks/{aboutDeal["id"]}"))["title"]!.GetValue<string>().ShouldBe("Task about an erased customer");
        (await ReadAsync(rep, $"/api/sales/tasks/{unrelated["id"]}"))["title"]!.GetValue<string>().ShouldBe($"Order brochures {marker}");

        var erasedDeal = await ReadAsync(rep, $"{SalesRequests.Opportunities}/{deal["id"]}");
        erasedDeal["name"]!.GetValue<string>().ShouldBe("Deal with an erased customer");
        erasedDeal["amount"]!.GetValue<decimal>().ShouldBe(12_345.67m);
        erasedDeal["currency"]!.GetValue<string>().ShouldBe("EUR");
        erasedDeal["expectedCloseDate"]!.GetValue<string>().ShouldBe("2027-05-31");

        var erasedLead = await ReadAsync(rep, $"/api/sales/leads/{lead["id"]}");
        erasedLead["name"]!.GetValue<string>().ShouldBe("Erased customer");
        erasedLead["email"].ShouldBeNull();
        erasedLead["phone"].ShouldBeNull();
        erasedLead["company"].ShouldBeNull();

        // The follow-up the service planned for her, and nothing anywhere in her records names her any more.
        var followUps = (await ReadAsync(rep, $"/api/sales/tasks?customerId={customerId}&followUps=true"))["items"]!.AsArray();
        followUps.Select(task => task!["title"]!.GetValue<string>()).ShouldAllBe(title => title == "Follow up with Erased customer");
        var everything = (await ReadAsync(rep, $"/api/sales/tasks?customerId={customerId}")).ToJsonString() + erasedDeal.ToJsonString() + erasedLead.ToJsonString();
        everything.ShouldNotContain($"Forgetme{marker}");
        everything.ShouldNotContain("5550199");
    }

    private static async Task<JsonObject> CreatedAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Token);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Token));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!;
    }

    private static async Task<JsonObject> ReadAsync(HttpClient client, string path) => (await client.GetFromJsonAsync<JsonObject>(path, Token))!;
}

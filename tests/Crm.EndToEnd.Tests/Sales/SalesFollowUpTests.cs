using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests.Sales;

/// <summary>Follow-ups planned from the customer's tier, re-planned by tier changes and interactions, announced when due.</summary>
public sealed class SalesFollowUpTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tier_change_in_the_customer_service_re_plans_the_follow_up_and_a_logged_interaction_restarts_the_clock()
    {
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        await system.UsersKnownToSalesAsync(repUser);
        using var rep = await system.SignedInAsync(repUser);
        // A referral is a Potential customer under the default value rules; 60,000 spent makes it HighValue.
        var customerId = await OwnedCustomerAsync(repUser.Id, source: "Referral");
        var registeredAt = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/sales/customers/{customerId}", Token))!["registeredAt"]!
            .GetValue<DateTimeOffset>();
        var potential = await FollowUpAsync(rep, customerId, due => due == registeredAt.AddDays(14), "planned two weeks after registration");

        using (var purchase = await system.Gateway.PostAsJsonAsync($"/api/customers/{customerId}/purchases",
            new { purchasedAt = DateTimeOffset.UtcNow, amount = 60_000m, currency = "EUR" }, Token))
        {
            purchase.StatusCode.ShouldBe(HttpStatusCode.Created, await purchase.Content.ReadAsStringAsync(Token));
        }

        var highValue = await FollowUpAsync(rep, customerId, due => due == registeredAt.AddDays(7), "re-planned one week after registration");
        highValue["id"]!.GetValue<Guid>().ShouldBe(potential["id"]!.GetValue<Guid>(), "the open follow-up moves; no second one");
        highValue["assigneeId"]!.GetValue<Guid>().ShouldBe(repUser.Id);

        // Talked to ten days ago: the next weekly follow-up was three days ago, so it is overdue and announced.
        var talkedAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-10).AddHours(9), TimeSpan.Zero);
        using (var logged = await system.Gateway.PostAsJsonAsync($"/api/customers/{customerId}/interactions",
            new { kind = "Call", occurredAt = talkedAt, summary = "Quarterly check-in" }, Token))
        {
            logged.StatusCode.ShouldBe(HttpStatusCode.Created, await logged.Content.ReadAsStringAsync(Token));
        }

        var overdue = await FollowUpAsync(rep, customerId, due => due == talkedAt.AddDays(7), "one week after the interaction");
        var taskId = overdue["id"]!.GetValue<Guid>();
        (await MyTaskIdsAsync(rep, "due=overdue")).ShouldContain(taskId);
        (await MyTaskIdsAsync(rep, "due=today")).ShouldContain(taskId);
        await Eventually.HoldsAsync(async () => await system.CountAsync("salesdb",
                "select count(*) from outbox_messages where message_type = 'Crm.Contracts.Sales.FollowUpDue' and payload->>'taskId' = @id and dispatched_at is not null",
                ("id", taskId.ToString())) == 2,
            TimeSpan.FromSeconds(30), "FollowUpDue is published once as due and once as overdue");

        // Another rep neither sees the follow-up nor finds it in their list.
        using var other = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesRep]));
        using var hidden = await other.GetAsync($"/api/sales/tasks/{taskId}", Token);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MyTaskIdsAsync(other, "due=overdue")).ShouldNotContain(taskId);
    }

    [Fact]
    public async Task Completing_a_follow_up_plans_the_next_one_a_cadence_later()
    {
        var repUser = await system.CreateUserAsync([CrmRoles.SalesRep]);
        await system.UsersKnownToSalesAsync(repUser);
        using var rep = await system.SignedInAsync(repUser);
        var customerId = await OwnedCustomerAsync(repUser.Id);
        // No tier announced: a General customer, followed up monthly.
        var first = await FollowUpAsync(rep, customerId, _ => true, "planned");
        var firstId = first["id"]!.GetValue<Guid>();
        using var read = await rep.GetAsync($"/api/sales/tasks/{firstId}", Token);

        using var withoutIfMatch = await rep.SendAsync(HttpMethod.Put, $"/api/sales/tasks/{firstId}", Completed(first), etag: null);
        await Problems.ShouldBeCleanProblemAsync(withoutIfMatch, 428);
        var before = DateTimeOffset.UtcNow;
        using var done = await rep.SendAsync(HttpMethod.Put, $"/api/sales/tasks/{firstId}", Completed(first), read.Headers.ETag!.Tag);
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync(Token));
        (await done.Content.ReadFromJsonAsync<JsonObject>(Token))!["status"]!.GetValue<string>().ShouldBe("Done");

        var next = await FollowUpAsync(rep, customerId, due => due >= before.AddDays(30) && due <= DateTimeOffset.UtcNow.AddDays(30),
            "the next follow-up a month after completion");
        next["id"]!.GetValue<Guid>().ShouldNotBe(firstId);
    }

    private static object Completed(JsonObject task) => new
    {
        kind = task["kind"]!.GetValue<string>(),
        title = task["title"]!.GetValue<string>(),
        dueAt = task["dueAt"]!.GetValue<DateTimeOffset>(),
        customerId = task["customerId"]!.GetValue<Guid>(),
        status = "Done",
    };

    private async Task<Guid> OwnedCustomerAsync(Guid ownerId, string? source = null)
    {
        using var created = await system.Gateway.PostCustomerAsync(new
        {
            kind = "Company",
            name = $"Followed {Guid.NewGuid():N}",
            email = $"followed+{Guid.NewGuid():N}@example.test",
            phone = $"+49 69 {Random.Shared.Next(10_000_000, 99_999_999)}",
            region = "EMEA",
            source,
            ownerId,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var id = await created.CreatedIdAsync();
        await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync("sales", id), SalesRequests.EventDeadline, "sales has the customer's copy");
        return id;
    }

    /// <summary>The rep's open follow-up with the customer, once its due date satisfies <paramref name="expected"/>.</summary>
    private static async Task<JsonObject> FollowUpAsync(HttpClient rep, Guid customerId, Func<DateTimeOffset, bool> expected, string what)
    {
        JsonObject? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var page = (await rep.GetFromJsonAsync<JsonObject>($"/api/sales/tasks/mine?followUps=true&status=Open&customerId={customerId}", Token))!;
            found = page["items"]!.AsArray().Select(item => item!.AsObject()).SingleOrDefault();
            return found is not null && expected(found["dueAt"]!.GetValue<DateTimeOffset>());
        }, SalesRequests.EventDeadline, $"the follow-up is {what}");
        return found!;
    }

    private static async Task<List<Guid>> MyTaskIdsAsync(HttpClient client, string query)
    {
        var page = (await client.GetFromJsonAsync<JsonObject>($"/api/sales/tasks/mine?pageSize=200&{query}", Token))!;
        return [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<Guid>())];
    }
}

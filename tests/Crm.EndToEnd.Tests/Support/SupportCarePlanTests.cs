using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;

namespace Crm.EndToEnd.Tests.Support;

/// <summary>A care plan opens check-in tickets for its tiers' customers at its cadence, on the durable timers.</summary>
public sealed class SupportCarePlanTests(CrmSystemFixture system) : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await system.Gateway.SetClockOffsetAsync(0);

    [Fact]
    public async Task High_value_customers_get_a_check_in_ticket_every_round_and_others_none()
    {
        var highValue = await system.CreateSupportedCustomerAsync();
        var general = await system.CreateSupportedCustomerAsync();
        await system.MakeHighValueAsync(highValue);
        var team = await system.CreateTeamAsync();
        var subject = $"Quarterly check-in {Guid.NewGuid():N}";
        var (now, _) = await system.Gateway.ServiceClockAsync();
        var startsAt = now.AddHours(1);

        using var created = await system.Gateway.PostAsJsonAsync("/api/support/care-plans",
            new { name = "Key accounts", tiers = new[] { "HighValue" }, cadenceDays = 1, teamId = team, subject, startsAt }, Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Token));
        var planId = (await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!.GetValue<Guid>();
        (await CheckInsAsync(highValue, subject)).ShouldBeEmpty("the first round is an hour away");

        await system.Gateway.MoveClockToAsync(startsAt.AddMilliseconds(500));
        await Eventually.HoldsAsync(async () => (await CheckInsAsync(highValue, subject)).Count == 1, TimeSpan.FromSeconds(10), "the first round ran");
        var checkIn = (await CheckInsAsync(highValue, subject)).Single();
        checkIn["teamId"]!.GetValue<Guid>().ShouldBe(team);
        checkIn["category"]!.GetValue<string>().ShouldBe("ServiceRequest");
        checkIn["status"]!.GetValue<string>().ShouldBe("New");

        await system.Gateway.MoveClockToAsync(startsAt.AddDays(1).AddMilliseconds(500));
        await Eventually.HoldsAsync(async () => (await CheckInsAsync(highValue, subject)).Count == 2, TimeSpan.FromSeconds(10), "the next round ran a day later");
        (await CheckInsAsync(general, subject)).ShouldBeEmpty("a General customer is not in the plan");
        (await system.Gateway.DeleteAsync($"/api/support/care-plans/{planId}", Token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    private async Task<List<JsonObject>> CheckInsAsync(Guid customerId, string subject)
    {
        var page = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/support/tickets?customerId={customerId}&pageSize=100", Token))!;
        return [.. page["items"]!.AsArray().Select(item => item!.AsObject()).Where(item => item["subject"]!.GetValue<string>() == subject)];
    }
}

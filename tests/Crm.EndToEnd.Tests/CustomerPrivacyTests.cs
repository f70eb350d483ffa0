using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>A person's rights: a copy of everything held about them, and erasure honoured by every service. Both audited.</summary>
public sealed class CustomerPrivacyTests(CrmSystemFixture system)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasure_anonymises_the_record_and_its_history_here_and_in_every_other_service_and_is_audited()
    {
        var email = $"forget-me-{Guid.NewGuid():N}@example.test";
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Erin Forgetme", email, phone = "+49 40 5550123" });
        var id = await created.CreatedIdAsync();
        (await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/interactions",
            new { kind = "Call", occurredAt = DateTimeOffset.UtcNow, summary = "Erin told us about her holiday" }, Token)).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), EventDeadline, $"{service} has the copy");
        }

        using var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{id}/erase");
        erase.Headers.IfMatch.Add(new EntityTagHeaderValue(await ETagOfAsync(id)));
        using var erased = await system.Gateway.SendAsync(erase, Token);

        erased.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var record = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}", Token))!;
        record["name"]!.GetValue<string>().ShouldBe("Erased customer");
        record["email"].ShouldBeNull();
        record["phone"].ShouldBeNull();
        var timeline = JsonSerializer.Serialize(await CustomerHistoryTests.ReadTimelineAsync(system.Gateway, id));
        timeline.ShouldNotContain("Erin");
        timeline.ShouldNotContain("holiday");
        await Eventually.HoldsAsync(async () => await CopyFieldAsync("marketing", id, "email") is null && await CopyFieldAsync("support", id, "phone") is null
            && await CopyFieldAsync("sales", id, "name") == "Erased customer", EventDeadline, "every copy is anonymised");
        await Eventually.HoldsAsync(async () => await AuditedAsync("erased", id), EventDeadline, "the erasure is in the audit log");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}") { Content = JsonContent.Create(new { name = "Erin again" }) };
        edit.Headers.IfMatch.Add(new EntityTagHeaderValue(await ETagOfAsync(id)));
        (await system.Gateway.SendAsync(edit, Token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_personal_data_export_holds_everything_and_is_for_administrators_only()
    {
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = $"Paula Access {Guid.NewGuid():N}" });
        var id = await created.CreatedIdAsync();
        (await system.Gateway.PostAsJsonAsync($"/api/customers/{id}/feedback", new { kind = "Praise", text = "Great service" }, Token))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        using var manager = await system.SignedInAsync(await system.CreateUserAsync([CrmRoles.SalesManager]));

        using var refused = await manager.GetAsync($"/api/customers/{id}/personal-data", Token);
        var data = (await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/personal-data", Token))!;

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        data["customer"]!["id"]!.GetValue<Guid>().ShouldBe(id);
        data["feedback"]!.AsArray().ShouldHaveSingleItem()!["text"]!.GetValue<string>().ShouldBe("Great service");
        data["timeline"]!.AsArray().Count.ShouldBeGreaterThanOrEqualTo(2);
        await Eventually.HoldsAsync(async () => await AuditedAsync("exported", id), EventDeadline, "the access request is in the audit log");
    }

    private async Task<string> ETagOfAsync(Guid id)
    {
        using var read = await system.Gateway.GetAsync($"/api/customers/{id}", Token);
        return read.Headers.ETag!.Tag;
    }

    private async Task<string?> CopyFieldAsync(string service, Guid id, string field)
    {
        var copy = await system.Gateway.GetFromJsonAsync<JsonObject>($"/api/{service}/customers/{id}", Token);
        return copy![field]?.GetValue<string>();
    }

    private async Task<bool> AuditedAsync(string action, Guid customerId)
    {
        using var response = await system.Gateway.GetAsync($"/api/identity/audit?service=customers&action={action}&target={customerId}", Token);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return page.RootElement.GetProperty("items").GetArrayLength() > 0;
    }
}

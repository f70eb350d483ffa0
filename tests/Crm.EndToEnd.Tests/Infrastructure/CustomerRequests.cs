using System.Net.Http.Json;

namespace Crm.EndToEnd.Tests.Infrastructure;

public static class CustomerRequests
{
    public static object NewCompany(string? name = null) => new
    {
        kind = "Company",
        name = name ?? $"Acme {Guid.NewGuid():N}",
        email = $"sales+{Guid.NewGuid():N}@acme.example",
        // Unique like the e-mail: the same phone number would make every company after the first a possible duplicate.
        phone = $"+49 30 {Random.Shared.Next(10_000_000, 99_999_999)}",
        industry = "Manufacturing",
        region = "EMEA",
        source = "Trade fair",
    };

    public static Task<HttpResponseMessage> PostCustomerAsync(this HttpClient gateway, object body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(body) };
        configure?.Invoke(request);
        return gateway.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<Guid> CreatedIdAsync(this HttpResponseMessage created)
    {
        var customer = await created.Content.ReadFromJsonAsync<CustomerBody>(TestContext.Current.CancellationToken);
        return customer!.Id;
    }

    public static async Task<bool> HasCopyAsync(this HttpClient gateway, string service, Guid customerId)
    {
        using var response = await gateway.GetAsync($"/api/{service}/customers/{customerId}", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode;
    }

    private sealed record CustomerBody(Guid Id);
}

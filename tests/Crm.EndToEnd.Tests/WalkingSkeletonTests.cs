using System.Net;
using System.Net.Http.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class WalkingSkeletonTests(CrmSystemFixture system)
{
    [Fact]
    public async Task A_customer_created_through_the_gateway_reaches_every_other_service_within_two_seconds()
    {
        var name = $"Skeleton {Guid.NewGuid():N}";
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(name));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location.ShouldNotBeNull();
        var id = await created.CreatedIdAsync();
        created.Headers.Location!.ToString().ShouldBe($"/api/customers/{id}");

        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), TimeSpan.FromSeconds(2),
                $"the {service} service has its copy of customer {id}");
        }

        using var read = await system.Gateway.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag.ShouldNotBeNull();
        var body = await read.Content.ReadFromJsonAsync<Dictionary<string, object?>>(TestContext.Current.CancellationToken);
        body!["name"]!.ToString().ShouldBe(name);

        var salesCopy = await system.Gateway.GetFromJsonAsync<Dictionary<string, object?>>($"/api/sales/customers/{id}", TestContext.Current.CancellationToken);
        salesCopy!["name"]!.ToString().ShouldBe(name);
        var marketingCopy = await system.Gateway.GetFromJsonAsync<Dictionary<string, object?>>($"/api/marketing/customers/{id}", TestContext.Current.CancellationToken);
        marketingCopy!["email"]!.ToString().ShouldStartWith("sales+");
        var supportCopy = await system.Gateway.GetFromJsonAsync<Dictionary<string, object?>>($"/api/support/customers/{id}", TestContext.Current.CancellationToken);
        supportCopy!["phone"]!.ToString().ShouldStartWith("+49 30 ");
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem_in_every_service()
    {
        var unknown = Guid.NewGuid();
        foreach (var path in new[] { $"/api/customers/{unknown}", $"/api/sales/customers/{unknown}", $"/api/marketing/customers/{unknown}", $"/api/support/customers/{unknown}" })
        {
            using var response = await system.Gateway.GetAsync(path, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", path);
        }
    }
}

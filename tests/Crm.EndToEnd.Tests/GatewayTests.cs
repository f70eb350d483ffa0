using System.Net;
using System.Text.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class GatewayTests(CrmSystemFixture system)
{
    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/orders/42")]
    public async Task An_unknown_api_path_is_a_404_problem(string path)
    {
        using var response = await system.Gateway.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Theory]
    [InlineData("customers", "/api/customers/{id}")]
    [InlineData("sales", "/api/sales/customers/{id}")]
    [InlineData("marketing", "/api/marketing/customers/{id}")]
    [InlineData("support", "/api/support/customers/{id}")]
    public async Task Each_service_publishes_its_openapi_document_through_the_gateway(string service, string documentedPath)
    {
        using var response = await system.Gateway.GetAsync($"/api/{service}/openapi/v1.json", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.");
        document.RootElement.GetProperty("paths").TryGetProperty(documentedPath, out _).ShouldBeTrue();
    }
}

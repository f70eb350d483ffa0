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
    [InlineData("identity", "/api/identity/users")]
    public async Task Each_service_publishes_its_openapi_document_through_the_gateway(string service, string documentedPath)
    {
        using var response = await system.Gateway.GetAsync($"/api/{service}/openapi/v1.json", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.");
        document.RootElement.GetProperty("paths").TryGetProperty(documentedPath, out _).ShouldBeTrue();
        var flow = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2")
            .GetProperty("flows").GetProperty("authorizationCode");
        flow.GetProperty("authorizationUrl").GetString().ShouldBe($"{system.Issuer}connect/authorize");
    }

    [Fact]
    public async Task The_api_browser_is_served_at_docs_with_security_headers_and_no_banner()
    {
        using var response = await system.Anonymous.GetAsync("/docs/", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        response.Headers.Contains("Server").ShouldBeFalse();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // Scalar's configuration is JSON inside the page; the documents are fetched relative to /docs/'s origin.
        page.ShouldContain("\"url\":\"api/identity/openapi/v1.json\"");
    }

    [Fact]
    public async Task A_proxied_answer_carries_the_security_headers_and_no_server_banner()
    {
        using var response = await system.Gateway.GetAsync($"/api/customers/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Contains("Server").ShouldBeFalse();
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
    }
}

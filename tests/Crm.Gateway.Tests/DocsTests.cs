using System.Net;
using System.Text.RegularExpressions;
using Crm.Gateway.Protection;
using Crm.Gateway.Routing;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed partial class DocsTests(RedisServer redis, FakeBackends backends)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_docs_page_loads_scalar_from_the_gateway_and_nothing_from_elsewhere()
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        using var redirect = await client.GetAsync("/docs", Cancellation);
        redirect.StatusCode.ShouldBe(HttpStatusCode.Found);
        using var page = await client.GetAsync("/docs/", Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeadersMiddleware.DocsPolicy);
        var html = await page.Content.ReadAsStringAsync(Cancellation);

        var origin = gateway.Address.GetLeftPart(UriPartial.Authority);
        AbsoluteUrl().Matches(html).Select(match => match.Value).ShouldAllBe(url => url.StartsWith(origin));
        var scripts = ScriptSource().Matches(html).Select(match => match.Groups["src"].Value).ToArray();
        scripts.ShouldContain("scalar.js");
        foreach (var script in scripts)
        {
            using var asset = await client.GetAsync(new Uri(new Uri(gateway.Address, "/docs/"), script), Cancellation);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK);
            asset.Content.Headers.ContentType?.MediaType.ShouldBe("text/javascript");
        }

        using var bundle = await client.GetAsync("/docs/scalar.js", Cancellation);
        (await bundle.Content.ReadAsByteArrayAsync(Cancellation)).Length.ShouldBeGreaterThan(1_000_000);
    }

    [Fact]
    public async Task The_docs_list_every_service_document_and_sign_in_with_authorization_code_and_pkce()
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        var html = await client.GetStringAsync("/docs/", Cancellation);

        foreach (var name in BackendServices.Names)
        {
            html.ShouldContain($"\"url\":\"api/{name}/openapi/v1.json\"");
        }

        var origin = gateway.Address.GetLeftPart(UriPartial.Authority);
        html.ShouldContain($"\"authorizationUrl\":\"{origin}/connect/authorize\"");
        html.ShouldContain($"\"tokenUrl\":\"{origin}/connect/token\"");
        html.ShouldContain("\"x-usePkce\":\"SHA-256\"");
        html.ShouldContain("\"x-scalar-client-id\":\"crm-web\"");
        html.ShouldContain("\"x-scalar-credentials-location\":\"body\"");
        html.ShouldContain($"\"x-scalar-redirect-uri\":\"{origin}/docs/\"");
        html.ShouldContain("\"selectedScopes\":[\"openid\",\"profile\",\"offline_access\",\"crm\"]");
        html.ShouldContain($"\"servers\":[{{\"url\":\"{origin}\"}}]");
    }

    [Fact]
    public async Task The_service_documents_are_fetched_through_the_gateway()
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        using var document = await client.GetAsync("/api/identity/openapi/v1.json", Cancellation);

        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await document.Content.ReadAsStringAsync(Cancellation)).ShouldContain("\"backend\":\"identity\"");
    }

    [GeneratedRegex("https?://[^\"'\\s<>]+")]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}

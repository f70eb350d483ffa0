using System.Net;
using Crm.Gateway.Protection;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed class SecurityHeaderTests(RedisServer redis, FakeBackends backends)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/customers/contacts", HttpStatusCode.OK)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/api/support/tickets", HttpStatusCode.BadGateway)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner(string path, HttpStatusCode status)
    {
        await using var gateway = GatewayHost.Start(redis, backends, new Dictionary<string, string?>
        {
            // Nothing listens on port 1: the proxy's own error answer is checked too.
            ["services:support:http:0"] = "http://127.0.0.1:1",
        });
        using var client = gateway.Client();

        using var response = await client.GetAsync(path, Cancellation);

        response.StatusCode.ShouldBe(status);
        response.Header("X-Content-Type-Options").ShouldBe("nosniff");
        response.Header("X-Frame-Options").ShouldBe("DENY");
        response.Header("Referrer-Policy").ShouldBe("no-referrer");
        response.Header("Cross-Origin-Opener-Policy").ShouldBe("same-origin");
        response.Header("Content-Security-Policy").ShouldBe(SecurityHeadersMiddleware.ApiPolicy);
        // HSTS only means something over HTTPS; the tests speak plain HTTP.
        response.Header("Strict-Transport-Security").ShouldBeNull();
        response.Header("Server").ShouldBeNull();
        response.Header("X-Powered-By").ShouldBeNull();
    }

    [Fact]
    public async Task Over_https_browsers_are_told_to_stay_on_https()
    {
        await using var gateway = GatewayHost.Start(redis, backends, https: true);
        using var client = gateway.Client();

        using var response = await client.GetAsync("/api/customers/contacts", Cancellation);

        gateway.Address.Scheme.ShouldBe("https");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Header("Strict-Transport-Security").ShouldBe("max-age=31536000");
        response.Header("Server").ShouldBeNull();
    }

    [Fact]
    public async Task A_rate_limit_refusal_and_an_oversized_body_carry_the_headers_too()
    {
        await using var gateway = GatewayHost.Start(redis, backends, new Dictionary<string, string?>
        {
            ["Gateway:RateLimits:PerIp:PermitLimit"] = "1",
            ["Gateway:Limits:MaxRequestBodyBytes"] = "10",
        });
        using var client = gateway.Client();

        using var tooLarge = await client.PostAsync("/api/customers/contacts", new ByteArrayContent(new byte[100]), Cancellation);
        using var allowed = await client.GetAsync("/api/customers/contacts", Cancellation);
        using var refused = await client.GetAsync("/api/customers/contacts", Cancellation);
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        foreach (var response in new[] { tooLarge, refused })
        {
            response.Header("X-Content-Type-Options").ShouldBe("nosniff");
            response.Header("Content-Security-Policy").ShouldBe(SecurityHeadersMiddleware.ApiPolicy);
            response.Header("Server").ShouldBeNull();
        }
    }
}

using System.Net;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed class CorsTests(RedisServer redis, FakeBackends backends)
{
    private const string WebClient = "https://crm.example.test";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_preflight_from_the_allowed_origin_is_granted_the_methods_and_headers_and_is_cached()
    {
        await using var gateway = StartAllowingWebClient();
        using var client = gateway.Client();

        using var preflight = await client.SendAsync(Preflight(WebClient, "PATCH", "authorization, content-type, if-match, idempotency-key"), Cancellation);

        preflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        preflight.Header("Access-Control-Allow-Origin").ShouldBe(WebClient);
        preflight.Header("Access-Control-Allow-Methods")!.Split(',', StringSplitOptions.TrimEntries).ShouldContain("PATCH");
        var allowedHeaders = preflight.Header("Access-Control-Allow-Headers")!.Split(',', StringSplitOptions.TrimEntries);
        allowedHeaders.ShouldContain(header => header.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase));
        allowedHeaders.ShouldContain(header => header.Equals("If-Match", StringComparison.OrdinalIgnoreCase));
        int.Parse(preflight.Header("Access-Control-Max-Age")!).ShouldBeGreaterThan(0);
        preflight.Header("Access-Control-Allow-Credentials").ShouldBeNull();
    }

    [Fact]
    public async Task A_request_from_the_allowed_origin_may_read_the_headers_clients_need()
    {
        await using var gateway = StartAllowingWebClient();
        using var client = gateway.Client();

        using var response = await client.SendAsync(FromWebClient(), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Header("Access-Control-Allow-Origin").ShouldBe(WebClient);
        response.Header("Access-Control-Expose-Headers")!.Split(',', StringSplitOptions.TrimEntries)
            .ShouldBe(["ETag", "Location", "Retry-After", "Idempotent-Replayed"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_browser_client_can_read_a_rate_limit_refusal_and_its_retry_after()
    {
        await using var gateway = GatewayHost.Start(redis, backends, new Dictionary<string, string?>
        {
            ["Gateway:Cors:AllowedOrigins:0"] = WebClient,
            ["Gateway:RateLimits:PerIp:PermitLimit"] = "1",
        });
        using var client = gateway.Client();

        using var first = await client.SendAsync(FromWebClient(), Cancellation);
        using var refused = await client.SendAsync(FromWebClient(), Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Header("Access-Control-Allow-Origin").ShouldBe(WebClient);
        refused.Header("Access-Control-Expose-Headers")!.ShouldContain("Retry-After");
        refused.Header("Retry-After").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("https://evil.example.test", "GET", "authorization")]
    [InlineData("http://crm.example.test", "GET", "authorization")]
    [InlineData(WebClient, "TRACE", "authorization")]
    [InlineData(WebClient, "GET", "x-custom")]
    public async Task A_preflight_for_another_origin_method_or_header_gets_no_grant(string origin, string method, string headers)
    {
        await using var gateway = StartAllowingWebClient();
        using var client = gateway.Client();

        using var preflight = await client.SendAsync(Preflight(origin, method, headers), Cancellation);

        var granted = preflight.Header("Access-Control-Allow-Origin") is not null
            && (preflight.Header("Access-Control-Allow-Methods")?.Contains(method, StringComparison.OrdinalIgnoreCase) ?? false)
            && (preflight.Header("Access-Control-Allow-Headers")?.Contains(headers, StringComparison.OrdinalIgnoreCase) ?? false);
        granted.ShouldBeFalse();
        preflight.Header("Access-Control-Allow-Origin").ShouldNotBe("*");
    }

    [Fact]
    public async Task Without_configured_origins_no_origin_is_allowed()
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        using var preflight = await client.SendAsync(Preflight(WebClient, "GET", "authorization"), Cancellation);

        preflight.Header("Access-Control-Allow-Origin").ShouldBeNull();
    }

    private GatewayHost StartAllowingWebClient() => GatewayHost.Start(redis, backends, new Dictionary<string, string?>
    {
        ["Gateway:Cors:AllowedOrigins:0"] = WebClient,
    });

    private static HttpRequestMessage FromWebClient() =>
        new(HttpMethod.Get, "/api/customers/contacts") { Headers = { { "Origin", WebClient } } };

    private static HttpRequestMessage Preflight(string origin, string method, string headers) =>
        new(HttpMethod.Options, "/api/customers/contacts")
        {
            Headers =
            {
                { "Origin", origin },
                { "Access-Control-Request-Method", method },
                { "Access-Control-Request-Headers", headers },
            },
        };
}

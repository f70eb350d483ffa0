using System.Net;
using System.Net.Http.Json;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed class RoutingTests(RedisServer redis, FakeBackends backends)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/connect/authorize?client_id=crm-web&response_type=code")]
    [InlineData("POST", "/connect/token")]
    [InlineData("GET", "/account/login?ReturnUrl=%2Fconnect%2Fauthorize")]
    [InlineData("POST", "/account/login")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("GET", "/api/identity/users/42")]
    public async Task Identity_paths_reach_the_identity_service_unchanged_with_forwarded_headers(string method, string pathAndQuery)
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), pathAndQuery), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echoed = (await response.Content.ReadFromJsonAsync<EchoedRequest>(Cancellation))!;
        echoed.Backend.ShouldBe("identity");
        echoed.Method.ShouldBe(method);
        (echoed.Path + echoed.Query).ShouldBe(pathAndQuery);
        // What identity needs to build URLs that point back at the gateway.
        echoed.ForwardedHost.ShouldBe(gateway.Address.Authority);
        echoed.ForwardedProto.ShouldBe("http");
        echoed.ForwardedFor.ShouldBe("127.0.0.1");
    }

    [Theory]
    [InlineData("customers", "/api/customers/contacts?page=2")]
    [InlineData("sales", "/api/sales/deals/7")]
    [InlineData("marketing", "/api/marketing/exports/campaigns")]
    [InlineData("support", "/api/support/imports")]
    public async Task Each_service_receives_its_own_api_paths(string service, string pathAndQuery)
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        var echoed = await client.GetFromJsonAsync<EchoedRequest>(pathAndQuery, Cancellation);

        echoed!.Backend.ShouldBe(service);
        (echoed.Path + echoed.Query).ShouldBe(pathAndQuery);
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/orders/42")]
    [InlineData("/api")]
    public async Task An_unknown_api_path_is_a_404_problem(string path)
    {
        await using var gateway = GatewayHost.Start(redis, backends);
        using var client = gateway.Client();

        using var response = await client.GetAsync(path, Cancellation);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

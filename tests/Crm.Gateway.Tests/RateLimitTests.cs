using System.Net;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed class RateLimitTests(RedisServer redis, FakeBackends backends)
{
    private const string Echo = "/api/customers/contacts";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_and_a_problem_while_another_user_goes_on()
    {
        await using var gateway = GatewayHost.Start(redis, backends, Limits(perUser: 5, perIp: 1000, windowSeconds: 60));
        using var client = gateway.Client();

        await ShouldAllBeAllowedAsync(client, 5, () => AsUser(HttpMethod.Get, Echo, "alice"));

        using var refused = await client.SendAsync(AsUser(HttpMethod.Get, Echo, "alice"), Cancellation);
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        var retryAfter = RetryAfterSeconds(refused);
        retryAfter.ShouldBeInRange(1, 60);

        using var otherUser = await client.SendAsync(AsUser(HttpMethod.Get, Echo, "bob"), Cancellation);
        otherUser.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_gateways_sharing_one_redis_enforce_one_limit()
    {
        var settings = Limits(perUser: 6, perIp: 1000, windowSeconds: 60);
        settings["Gateway:RateLimits:KeyPrefix"] = $"gateway-tests:shared:{Guid.NewGuid():N}";
        await using var first = GatewayHost.Start(redis, backends, settings);
        await using var second = GatewayHost.Start(redis, backends, settings);
        using var firstClient = first.Client();
        using var secondClient = second.Client();

        for (var i = 0; i < 3; i++)
        {
            using var viaFirst = await firstClient.SendAsync(AsUser(HttpMethod.Get, Echo, "carol"), Cancellation);
            viaFirst.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var viaSecond = await secondClient.SendAsync(AsUser(HttpMethod.Get, Echo, "carol"), Cancellation);
            viaSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refusedByFirst = await firstClient.SendAsync(AsUser(HttpMethod.Get, Echo, "carol"), Cancellation);
        refusedByFirst.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using var refusedBySecond = await secondClient.SendAsync(AsUser(HttpMethod.Get, Echo, "carol"), Cancellation);
        refusedBySecond.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Anonymous_clients_are_limited_per_ip_and_signing_in_does_not_escape_the_ip_limit()
    {
        await using var gateway = GatewayHost.Start(redis, backends, Limits(perUser: 1000, perIp: 4, windowSeconds: 60));
        using var client = gateway.Client();

        await ShouldAllBeAllowedAsync(client, 4, () => new HttpRequestMessage(HttpMethod.Get, Echo));

        using var refused = await client.GetAsync(Echo, Cancellation);
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        RetryAfterSeconds(refused).ShouldBeInRange(1, 60);
        using var signedIn = await client.SendAsync(AsUser(HttpMethod.Get, Echo, "dave"), Cancellation);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Sign_in_attempts_have_their_own_stricter_limit_per_ip()
    {
        var settings = Limits(perUser: 1000, perIp: 1000, windowSeconds: 60);
        settings["Gateway:RateLimits:SignIn:PermitLimit"] = "3";
        settings["Gateway:RateLimits:SignIn:WindowSeconds"] = "60";
        await using var gateway = GatewayHost.Start(redis, backends, settings);
        using var client = gateway.Client();

        using (var login = await client.PostAsync("/account/login", new StringContent("user=a&password=1"), Cancellation))
        {
            login.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await ShouldAllBeAllowedAsync(client, 2, () =>
            new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new StringContent("grant_type=password") });

        using var refusedLogin = await client.PostAsync("/account/login/", new StringContent("user=a&password=4"), Cancellation);
        await refusedLogin.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        using var refusedToken = await client.PostAsync("/connect/token", new StringContent("grant_type=password"), Cancellation);
        refusedToken.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // Only credential checks are held back: the sign-in page itself and the APIs still answer.
        using var loginPage = await client.GetAsync("/account/login", Cancellation);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var api = await client.GetAsync(Echo, Cancellation);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_the_window_the_client_is_let_in_again()
    {
        await using var gateway = GatewayHost.Start(redis, backends, Limits(perUser: 1000, perIp: 2, windowSeconds: 2));
        using var client = gateway.Client();

        await ShouldAllBeAllowedAsync(client, 2, () => new HttpRequestMessage(HttpMethod.Get, Echo));

        using var refused = await client.GetAsync(Echo, Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfterSeconds(refused);
        retryAfter.ShouldBeInRange(1, 2);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter), Cancellation);
        // Retry-After is rounded up, so once it has passed the window is over; a little slack for a busy machine.
        using var again = await RetryWhileRefusedAsync(client, TimeSpan.FromSeconds(2));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_endpoints_are_never_limited()
    {
        await using var gateway = GatewayHost.Start(redis, backends, Limits(perUser: 1000, perIp: 2, windowSeconds: 60));
        using var client = gateway.Client();

        await ShouldAllBeAllowedAsync(client, 10, () => new HttpRequestMessage(HttpMethod.Get, "/health/live"));

        using var api = await client.GetAsync(Echo, Cancellation);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Dictionary<string, string?> Limits(int perUser, int perIp, int windowSeconds) => new()
    {
        ["Gateway:RateLimits:PerUser:PermitLimit"] = perUser.ToString(),
        ["Gateway:RateLimits:PerUser:WindowSeconds"] = windowSeconds.ToString(),
        ["Gateway:RateLimits:PerIp:PermitLimit"] = perIp.ToString(),
        ["Gateway:RateLimits:PerIp:WindowSeconds"] = windowSeconds.ToString(),
    };

    private static async Task ShouldAllBeAllowedAsync(HttpClient client, int times, Func<HttpRequestMessage> request)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await client.SendAsync(request(), Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private static HttpRequestMessage AsUser(HttpMethod method, string path, string user) =>
        new(method, path) { Headers = { { TestAuthenticationHandler.UserHeader, user } } };

    private static int RetryAfterSeconds(HttpResponseMessage response)
    {
        response.Headers.TryGetValues("Retry-After", out var values).ShouldBeTrue();
        return int.Parse(values!.Single());
    }

    private static async Task<HttpResponseMessage> RetryWhileRefusedAsync(HttpClient client, TimeSpan slack)
    {
        var deadline = DateTime.UtcNow + slack;
        while (true)
        {
            var response = await client.GetAsync(Echo, Cancellation);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        }
    }
}

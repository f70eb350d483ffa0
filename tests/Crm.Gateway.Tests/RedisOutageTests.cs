using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests;

public sealed class RedisOutageTests(RedisServer redis, FakeBackends backends)
{
    [Fact]
    public async Task Without_redis_requests_go_through_unlimited_without_waiting_long_and_operators_are_warned_once()
    {
        await using var gateway = GatewayHost.Start(redis, backends, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = $"127.0.0.1:{UnusedPort()}",
            ["Gateway:RateLimits:RedisTimeoutMilliseconds"] = "300",
            ["Gateway:RateLimits:PerIp:PermitLimit"] = "1",
        });
        using var client = gateway.Client();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/api/customers/contacts", TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        gateway.Logs.Entries
            .Where(entry => entry.Level == LogLevel.Warning && entry.Category == typeof(RedisRateLimiter).FullName)
            .ShouldHaveSingleItem()
            .Message.ShouldContain("without rate limits");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

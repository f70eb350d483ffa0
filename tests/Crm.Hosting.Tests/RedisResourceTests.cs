using Crm.Hosting.Tests.Infrastructure;
using StackExchange.Redis;

namespace Crm.Hosting.Tests;

public sealed class RedisResourceTests : IDisposable
{
    private readonly TestStateDirectory state = new();
    private readonly LogBuffer log = new();

    [Fact]
    public async Task Redis_answers_ping_keeps_data_across_a_restart_and_leaves_no_process_when_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApplication.CreateBuilder(state, log);
        builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var cache = app.GetResource<RedisResource>("cache");

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("cache")))
        {
            (await redis.GetDatabase().PingAsync()).ShouldBeGreaterThan(TimeSpan.Zero);
            await redis.GetDatabase().StringSetAsync("kept", "value");
        }

        await cache.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
        await cache.StartAsync(ct);

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("cache")))
        {
            ((string?)await redis.GetDatabase().StringGetAsync("kept")).ShouldBe("value");
        }

        await app.StopAsync(ct);
        OwnedProcesses.Of(state.FullPath).ShouldBeEmpty();
    }

    public void Dispose() => state.Dispose();
}

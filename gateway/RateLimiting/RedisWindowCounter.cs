using StackExchange.Redis;

namespace Crm.Gateway.RateLimiting;

/// <summary>Fixed-window counters in Redis, shared by every gateway replica.</summary>
public sealed class RedisWindowCounter(IConnectionMultiplexer redis)
{
    // One round trip, and atomic: the hit that opens a window also sets its expiry, so no window outlives its length
    // even when replicas race. Rejected requests count too, so hammering a closed window does not get cheaper.
    private const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return { count, redis.call('PTTL', KEYS[1]) }
        """;

    public async Task<WindowCount> HitAsync(string key, int permits, TimeSpan window)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [key], [permits, (long)window.TotalMilliseconds]);
        var values = (RedisResult[])result!;
        return new WindowCount((long)values[0], TimeSpan.FromMilliseconds(Math.Max(0, (long)values[1])));
    }
}

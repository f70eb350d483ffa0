using StackExchange.Redis;

namespace Crm.ServiceDefaults.Testing;

/// <summary>
/// For end-to-end tests only (configuration <c>Testing:ClockControl</c>): the system clock plus an offset an
/// administrator sets, so a test reaches a deadline (an SLA breach, a journey's wait) without waiting for it. The offset
/// lives in Redis under the service's name, so every replica of the service reads the same time and other services
/// keep theirs. Never enable it in a deployment: whoever sets it moves every deadline.
/// </summary>
public sealed class TestClock(IConnectionMultiplexer? redis, string serviceName) : TimeProvider
{
    private long localOffsetTicks;

    private RedisKey OffsetKey => $"testing:clock-offset-ticks:{serviceName}";

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public TimeSpan Offset => TimeSpan.FromTicks(
        redis is null ? Interlocked.Read(ref localOffsetTicks) : (long?)redis.GetDatabase().StringGet(OffsetKey) ?? 0);

    public async Task SetOffsetAsync(TimeSpan offset)
    {
        Interlocked.Exchange(ref localOffsetTicks, offset.Ticks);
        if (redis is not null)
        {
            await redis.GetDatabase().StringSetAsync(OffsetKey, offset.Ticks);
        }
    }
}

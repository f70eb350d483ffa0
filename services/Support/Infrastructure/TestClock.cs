using StackExchange.Redis;

namespace Crm.Support.Infrastructure;

/// <summary>
/// For end-to-end tests only (configuration <c>Testing:ClockControl</c>): the system clock plus an offset an
/// administrator sets, so a test reaches an SLA deadline without waiting for it. The offset lives in Redis, so every
/// replica reads the same time. Never enable it in a deployment: whoever sets it moves every deadline.
/// </summary>
public sealed class TestClock(IConnectionMultiplexer? redis) : TimeProvider
{
    private const string OffsetKey = "support:testing:clock-offset-ticks";
    private long localOffsetTicks;

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

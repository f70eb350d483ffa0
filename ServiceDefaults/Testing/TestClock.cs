using StackExchange.Redis;

namespace Crm.ServiceDefaults.Testing;

/// <summary>
/// For end-to-end tests only (configuration <c>Testing:ClockControl</c>): the system clock plus an offset an
/// administrator sets, so a test reaches a deadline (an SLA breach, a journey's wait) without waiting for it. The offset
/// lives in Redis under the service's name, so every replica of the service, and a replica started later, reads the
/// same time while other services keep theirs. Never enable it in a deployment: whoever sets it moves every deadline.
/// </summary>
/// <remarks>
/// Reading the time must not wait on Redis: clock reads are everywhere and synchronous, and a blocking read per call
/// starved a busy service's thread pool until Redis reads timed out. So the offset is read once at start and then kept
/// current by a Redis channel every replica subscribes to; the replica that sets it takes it at once.
/// </remarks>
public sealed class TestClock : TimeProvider
{
    private readonly IConnectionMultiplexer? redis;
    private readonly RedisKey offsetKey;
    private readonly RedisChannel offsetChannel;
    private long offsetTicks;

    public TestClock(IConnectionMultiplexer? redis, string serviceName)
    {
        this.redis = redis;
        offsetKey = $"testing:clock-offset-ticks:{serviceName}";
        offsetChannel = RedisChannel.Literal($"testing:clock-offset-changed:{serviceName}");
        if (redis is not null)
        {
            // Subscribed before reading, so a change made in between is not lost.
            redis.GetSubscriber().Subscribe(offsetChannel, (_, ticks) => Interlocked.Exchange(ref offsetTicks, (long)ticks));
            Interlocked.Exchange(ref offsetTicks, (long?)redis.GetDatabase().StringGet(offsetKey) ?? 0);
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public async Task SetOffsetAsync(TimeSpan offset)
    {
        Interlocked.Exchange(ref offsetTicks, offset.Ticks);
        if (redis is not null)
        {
            await redis.GetDatabase().StringSetAsync(offsetKey, offset.Ticks);
            await redis.GetSubscriber().PublishAsync(offsetChannel, offset.Ticks);
        }
    }
}

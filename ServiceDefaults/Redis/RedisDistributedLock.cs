using StackExchange.Redis;

namespace Crm.ServiceDefaults.Redis;

public sealed class RedisDistributedLock(IConnectionMultiplexer redis) : IDistributedLock
{
    // Deletes the key only while it still holds our token, so a holder whose lease ran out cannot
    // release a lock that someone else has taken since.
    private const string ReleaseScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then
            return redis.call('del', KEYS[1])
        end
        return 0
        """;

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = new RedisKey($"lock:{name}");
        var token = Guid.NewGuid().ToString("N");
        var acquired = await redis.GetDatabase().StringSetAsync(key, token, lease, When.NotExists);
        return acquired ? new Handle(redis, key, token) : null;
    }

    private sealed class Handle(IConnectionMultiplexer redis, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [key], [token]);
    }
}

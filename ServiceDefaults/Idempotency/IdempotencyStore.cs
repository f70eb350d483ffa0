using System.Text.Json;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Crm.ServiceDefaults.Idempotency;

/// <summary>Idempotency records live in Redis so that a retry hitting another replica is recognised too.</summary>
public sealed class IdempotencyStore(IConnectionMultiplexer redis, IHostEnvironment environment)
{
    /// <summary>How long a request may run before its key is free again; a crash must not lock a key forever.</summary>
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);

    /// <summary>How long a client may retry and still get the first answer.</summary>
    private static readonly TimeSpan CompletedLifetime = TimeSpan.FromHours(24);

    /// <summary>Claims the key for a new request, or returns what is already recorded under it.</summary>
    public async Task<IdempotentResponse?> TryClaimAsync(string scope, string key, string fingerprint)
    {
        var redisKey = KeyFor(scope, key);
        var pending = Serialize(new IdempotentResponse(fingerprint, Completed: false));
        var database = redis.GetDatabase();
        if (await database.StringSetAsync(redisKey, pending, PendingLifetime, When.NotExists))
        {
            return null;
        }

        var existing = await database.StringGetAsync(redisKey);
        // The other request's claim expired between our two calls; treat the key as ours on the next try.
        return existing.HasValue
            ? JsonSerializer.Deserialize<IdempotentResponse>((byte[])existing!)
            : new IdempotentResponse(fingerprint, Completed: false);
    }

    public Task CompleteAsync(string scope, string key, IdempotentResponse response) =>
        redis.GetDatabase().StringSetAsync(KeyFor(scope, key), Serialize(response), CompletedLifetime);

    /// <summary>A failed request releases its key so the client's retry runs for real.</summary>
    public Task ReleaseAsync(string scope, string key) =>
        redis.GetDatabase().KeyDeleteAsync(KeyFor(scope, key));

    private RedisKey KeyFor(string scope, string key) => $"idempotency:{environment.ApplicationName}:{scope}:{key}";

    private static byte[] Serialize(IdempotentResponse response) => JsonSerializer.SerializeToUtf8Bytes(response);
}

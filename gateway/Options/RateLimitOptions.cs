namespace Crm.Gateway.Options;

public sealed class RateLimitOptions
{
    public RateLimitRule PerUser { get; set; } = RateLimitRule.PerMinute(600);

    public RateLimitRule PerIp { get; set; } = RateLimitRule.PerMinute(1200);

    /// <summary>Password and token requests per client IP: low, because each one is a guess at a credential.</summary>
    public RateLimitRule SignIn { get; set; } = RateLimitRule.PerMinute(20);

    /// <summary>Prefix of the Redis keys, so that several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "crm-gateway:rate-limit";

    /// <summary>How long a request waits for Redis before it goes through unlimited.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 1000;

    internal IEnumerable<string> Problems()
    {
        foreach (var problem in PerUser.Problems(nameof(PerUser)).Concat(PerIp.Problems(nameof(PerIp))).Concat(SignIn.Problems(nameof(SignIn))))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            yield return "Gateway:RateLimits:KeyPrefix must not be empty.";
        }

        if (RedisTimeoutMilliseconds < 1)
        {
            yield return "Gateway:RateLimits:RedisTimeoutMilliseconds must be at least 1.";
        }
    }
}

namespace Crm.Gateway.Options;

/// <summary>At most <see cref="PermitLimit"/> requests in a fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public static RateLimitRule PerMinute(int permitLimit) => new() { PermitLimit = permitLimit, WindowSeconds = 60 };

    internal IEnumerable<string> Problems(string name)
    {
        if (PermitLimit < 1)
        {
            yield return $"Gateway:RateLimits:{name}:PermitLimit must be at least 1.";
        }

        if (WindowSeconds < 1)
        {
            yield return $"Gateway:RateLimits:{name}:WindowSeconds must be at least 1.";
        }
    }
}

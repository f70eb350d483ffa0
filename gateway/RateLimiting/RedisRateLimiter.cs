using System.Security.Claims;
using System.Threading.RateLimiting;
using Crm.Gateway.Options;
using Crm.Gateway.Routing;
using StackExchange.Redis;

namespace Crm.Gateway.RateLimiting;

/// <summary>
/// Charges each request to its client IP, to its user when signed in, and to the sign-in counter of its IP when it
/// tests a credential; it is refused when any of those is over its limit. The counters live in Redis so that the
/// limits hold across replicas. When Redis does not answer in time the request goes through: an outage of the
/// limiter's store must not become an outage of the CRM.
/// </summary>
public sealed partial class RedisRateLimiter(
    RedisWindowCounter counter,
    GatewayOptions options,
    ILogger<RedisRateLimiter> logger) : PartitionedRateLimiter<HttpContext>
{
    private readonly RateLimitOptions limits = options.RateLimits;
    private int redisFailing;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        permitCount == 0 || IsExempt(resource) ? WindowLease.Granted : WindowLease.AskAsynchronously;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0 || IsExempt(resource))
        {
            return WindowLease.Granted;
        }

        var partitions = Partitions(resource).ToArray();
        WindowCount[] counts;
        try
        {
            counts = await Task.WhenAll(partitions.Select(partition => counter.HitAsync(partition.Key, permitCount, partition.Rule.Window)))
                .WaitAsync(TimeSpan.FromMilliseconds(limits.RedisTimeoutMilliseconds), cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref redisFailing, 1) == 0)
            {
                LogFailingOpen(exception);
            }

            return WindowLease.Granted;
        }

        if (Interlocked.Exchange(ref redisFailing, 0) == 1)
        {
            LogRecovered();
        }

        TimeSpan? retryAfter = null;
        for (var i = 0; i < partitions.Length; i++)
        {
            if (counts[i].Count > partitions[i].Rule.PermitLimit && (retryAfter is null || counts[i].Remaining > retryAfter))
            {
                retryAfter = counts[i].Remaining;
            }
        }

        return retryAfter is null ? WindowLease.Granted : WindowLease.Refused(retryAfter.Value);
    }

    /// <summary>Probes must reach the health endpoints however busy the client address is.</summary>
    private static bool IsExempt(HttpContext context) => GatewayPaths.IsHealth(context.Request.Path);

    private IEnumerable<RateLimitPartition> Partitions(HttpContext context)
    {
        var ip = ClientIp(context);
        yield return new RateLimitPartition($"{limits.KeyPrefix}:ip:{ip}", limits.PerIp);

        if (UserId(context.User) is { } user)
        {
            yield return new RateLimitPartition($"{limits.KeyPrefix}:user:{user}", limits.PerUser);
        }

        if (GatewayPaths.IsSignIn(context.Request))
        {
            yield return new RateLimitPartition($"{limits.KeyPrefix}:sign-in:{ip}", limits.SignIn);
        }
    }

    private static string ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        // A dual-stack socket shows IPv4 clients as ::ffff:a.b.c.d; one client must have one counter.
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>
    /// The <c>sub</c> claim, also under the name JWT bearer authentication maps it to unless told not to.
    /// </summary>
    private static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? (user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier))?.Value
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not answer; requests pass without rate limits until it does.")]
    private partial void LogFailingOpen(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again; rate limits apply.")]
    private partial void LogRecovered();
}

using System.Threading.RateLimiting;

namespace Crm.Gateway.RateLimiting;

public sealed class WindowLease : RateLimitLease
{
    public static readonly WindowLease Granted = new(isAcquired: true, retryAfter: null);

    /// <summary>
    /// The answer to the synchronous attempt, which cannot ask Redis without blocking a thread. ASP.NET Core's
    /// middleware tries that attempt first and, when it is refused, awaits <c>AcquireAsync</c>, which does ask.
    /// </summary>
    public static readonly WindowLease AskAsynchronously = new(isAcquired: false, retryAfter: null);

    private readonly TimeSpan? retryAfter;

    private WindowLease(bool isAcquired, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        this.retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static WindowLease Refused(TimeSpan retryAfter) => new(isAcquired: false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter.Value;
            return true;
        }

        metadata = null;
        return false;
    }
}

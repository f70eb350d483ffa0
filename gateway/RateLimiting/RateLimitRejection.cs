using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Gateway.Protection;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.RateLimiting;

public static class RateLimitRejection
{
    /// <summary>429 with <c>Retry-After</c> in whole seconds, rounded up so that a client waiting that long is let in.</summary>
    public static async ValueTask WriteAsync(OnRejectedContext rejection, CancellationToken cancellationToken)
    {
        var context = rejection.HttpContext;
        var detail = "Too many requests from this client; slow down.";
        if (rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            detail = $"Too many requests from this client; try again in {seconds} s.";
        }

        await GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", detail);
    }
}

using Crm.Gateway.Options;
using Crm.Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Gateway.Protection;

/// <summary>
/// Caps request bodies: imports get the larger limit. A declared length over the limit is refused at once; a body
/// without one (chunked) is cut by Kestrel when it streams past the limit, and the proxy answers 413 for it.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, GatewayOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = GatewayPaths.IsImport(context.Request.Path)
            ? options.Limits.MaxImportBodyBytes
            : options.Limits.MaxRequestBodyBytes;

        if (context.Request.ContentLength > limit)
        {
            // Refused before the body is read, and without lowering Kestrel's own limit for this request: Kestrel then
            // reads and discards the body (up to that limit) and the client, still sending, gets to read the 413
            // instead of a reset connection.
            return GatewayProblem.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "The request body is too large.",
                $"This endpoint accepts at most {limit} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}

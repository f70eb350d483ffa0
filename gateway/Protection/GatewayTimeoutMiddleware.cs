using Microsoft.AspNetCore.Http.Timeouts;

namespace Crm.Gateway.Protection;

/// <summary>
/// The request timeout cancels <c>RequestAborted</c>, which the proxy takes for a client that went away: it gives
/// up quietly with a 400 instead of throwing, so the timeout middleware never sees it. A timeout is the gateway's
/// answer to give: 504.
/// </summary>
public sealed class GatewayTimeoutMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        if (context.Features.Get<IHttpRequestTimeoutFeature>() is { RequestTimeoutToken.IsCancellationRequested: true }
            && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await GatewayProblem.TimedOutAsync(context);
        }
    }
}

using Crm.Gateway.Routing;
using Microsoft.Net.Http.Headers;

namespace Crm.Gateway.Protection;

/// <summary>
/// Sets the browser-hardening headers on every response just before it leaves: the gateway's own, the services'
/// proxied ones and error answers alike. Strips the headers that name the software behind the gateway.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>API answers are data: nothing in them may load, run or be framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The Scalar page loads its bundled script and stylesheet from the gateway itself; its bootstrap script is inline,
    /// and the rendered reference sets inline styles. It fetches documents and sends "try it" requests to the gateway.
    /// </summary>
    public const string DocsPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// Identity's sign-in pages, when identity sets no policy of its own: same-origin assets only. No form-action,
    /// because browsers apply it to the redirect back to the client after the sign-in form is posted.
    /// </summary>
    public const string IdentityPagePolicy = "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'";

    private const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // A service that sets its own policy knows its content better than the gateway.
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
            }

            // Over plain HTTP the header is ignored by browsers and would only mislead.
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            headers.Remove(HeaderNames.Server);
            headers.Remove(HeaderNames.XPoweredBy);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string PolicyFor(PathString path) =>
        GatewayPaths.IsDocs(path) ? DocsPolicy
        : GatewayPaths.IsIdentityPage(path) ? IdentityPagePolicy
        : ApiPolicy;
}

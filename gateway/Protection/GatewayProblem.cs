namespace Crm.Gateway.Protection;

/// <summary>The gateway's own refusals, as RFC 9457 problem details that say what to do and nothing about internals.</summary>
public static class GatewayProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    public static Task TimedOutAsync(HttpContext context) => WriteAsync(
        context,
        StatusCodes.Status504GatewayTimeout,
        "The request took too long.",
        "The service did not answer in time; the request may or may not have taken effect.");
}

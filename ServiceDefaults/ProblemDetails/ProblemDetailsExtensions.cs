using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.ProblemDetails;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// Every error leaves as RFC 9457 problem details, never a stack trace; ASP.NET Core adds the <c>traceId</c>
    /// (the W3C traceparent) that finds the request's trace and logs.
    /// </summary>
    public static IHostApplicationBuilder AddCrmProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Binding failures (malformed JSON, a non-numeric number) are thrown so the handler above can name
        // the offending field instead of answering an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}

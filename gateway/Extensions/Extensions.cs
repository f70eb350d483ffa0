using Crm.Gateway.Docs;
using Crm.Gateway.Options;
using Crm.Gateway.Protection;
using Crm.Gateway.RateLimiting;
using Crm.Gateway.Routing;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Idempotency;
using Crm.ServiceDefaults.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace Crm.Gateway.Extensions;

public static class Extensions
{
    private static readonly string[] CorsMethods = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];
    private static readonly string[] CorsRequestHeaders =
        [HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, "Idempotency-Key"];
    private static readonly string[] CorsExposedHeaders = [HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter, "Idempotent-Replayed"];

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var options = GatewayOptions.From(builder.Configuration);

        // Tokens are checked here only to know whom a request counts against; the services authorise it.
        builder.AddCrmTokenValidation();
        // Idempotent POSTs are the services' business: each records answers per caller after checking the token.
        builder.Services.RemoveAll<IdempotencyStore>();
        builder.Services.AddSingleton(options);

        // The header names the server software to attackers and tells clients nothing.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        var (routes, clusters) = ProxyConfiguration.Build(builder.Configuration, options.Timeouts.LongRunning);
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        builder.Services.AddRequestTimeouts(timeouts =>
        {
            timeouts.DefaultPolicy = TimeoutPolicy(options.Timeouts.Default);
            timeouts.AddPolicy(ProxyConfiguration.LongRunningTimeoutPolicy, TimeoutPolicy(options.Timeouts.LongRunning));
        });

        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.Cors.AllowedOrigins)
            .WithMethods(CorsMethods)
            .WithHeaders(CorsRequestHeaders)
            .WithExposedHeaders(CorsExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        AddRateLimits(builder);
        return builder;
    }

    /// <summary>
    /// The protections between the shared error handling of <c>MapDefaultEndpoints</c> and the proxy, in the order a
    /// request meets them. CORS comes first so that refusals carry its headers and a browser client can read them.
    /// </summary>
    public static WebApplication UseGatewayProtections(this WebApplication app)
    {
        app.UseCors();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        // The per-user limit needs the user, whom MapDefaultEndpoints has authenticated by now.
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseMiddleware<GatewayTimeoutMiddleware>();
        return app;
    }

    /// <summary>Security headers go on first so that every response gets them, the error pages included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        // Matched only when no service route is: the proxy's literal prefixes are more specific.
        app.Map("/api/{**path}", (HttpContext context) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "There is no such API.",
            detail: $"No service answers {context.Request.Path}. The services are under /api/{string.Join(", /api/", BackendServices.Names)}."));
        app.MapApiDocs();
        return app;
    }

    private static void AddRateLimits(IHostApplicationBuilder builder)
    {
        // Limits kept in one process would multiply with the number of replicas.
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(RedisExtensions.ConnectionName)))
        {
            throw new InvalidOperationException(
                $"The gateway keeps its rate limits in Redis: set ConnectionStrings__{RedisExtensions.ConnectionName} (the AppHost does).");
        }

        builder.Services.AddSingleton<RedisWindowCounter>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<RedisRateLimiter>((limiter, redisLimiter) =>
            {
                limiter.GlobalLimiter = redisLimiter;
                // ASP.NET Core answers 503 by default, which tells the client the server is in trouble; it is the client.
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = RateLimitRejection.WriteAsync;
            });
    }

    private static RequestTimeoutPolicy TimeoutPolicy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = GatewayProblem.TimedOutAsync,
    };
}

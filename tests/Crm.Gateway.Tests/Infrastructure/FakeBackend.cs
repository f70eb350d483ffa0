using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.Gateway.Tests.Infrastructure;

/// <summary>
/// A stand-in for one service, on a free loopback port. Paths ending in <c>/slow</c> wait <c>?ms=</c> milliseconds,
/// <c>/large</c> answers <c>?bytes=</c> bytes; anything else is echoed as an <see cref="EchoedRequest"/>. Every answer
/// names the software the way a real backend would (<c>Server</c>, <c>X-Powered-By</c>) so tests can see the gateway
/// strip it.
/// </summary>
public sealed class FakeBackend(string name, WebApplication app) : IAsyncDisposable
{
    public string Name => name;

    public string Address => app.Urls.Single();

    public static async Task<FakeBackend> StartAsync(string name, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Map("/{**path}", (HttpContext context) => HandleAsync(name, context));
        await app.StartAsync(cancellationToken);
        return new FakeBackend(name, app);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task HandleAsync(string name, HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers["X-Powered-By"] = "FakeBackend";
        var path = request.Path.Value ?? "";
        if (path.EndsWith("/slow", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(request.Query["ms"]!), context.RequestAborted);
            await context.Response.WriteAsync("finally", context.RequestAborted);
            return;
        }

        if (path.EndsWith("/large", StringComparison.Ordinal))
        {
            await context.Response.Body.WriteAsync(new byte[int.Parse(request.Query["bytes"]!)], context.RequestAborted);
            return;
        }

        var bodyBytes = 0L;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            bodyBytes += read;
        }

        var echoed = new EchoedRequest(
            name,
            request.Method,
            path,
            request.QueryString.Value ?? "",
            bodyBytes,
            request.Headers["X-Forwarded-For"].FirstOrDefault(),
            request.Headers["X-Forwarded-Proto"].FirstOrDefault(),
            request.Headers["X-Forwarded-Host"].FirstOrDefault());
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, echoed, JsonSerializerOptions.Web, context.RequestAborted);
    }
}

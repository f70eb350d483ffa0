using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Stands where an OpenTelemetry collector would: the services export to it over OTLP/HTTP (protobuf) exactly
/// as they would in production, and the tests read what arrived.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ExportedSpan> spans = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<ExportedSpan> Spans => spans.ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new OtlpReceiver(builder.Build());
        receiver.app.MapPost("/v1/traces", receiver.ReceiveTracesAsync);
        // Logs and metrics are accepted and dropped: the tests look at traces.
        receiver.app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
        {
            spans.Enqueue(span);
        }

        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

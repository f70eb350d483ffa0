using System.Diagnostics;
using System.Net;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class TracingTests(CrmSystemFixture system)
{
    [Fact]
    public async Task One_trace_links_the_gateway_the_service_the_outbox_publish_and_every_consumer()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany(), request =>
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        bool Seen(string service, string scope) =>
            system.Telemetry.Spans.Any(span => span.TraceId == traceId && span.ServiceName == service && span.ScopeName == scope);

        await Eventually.HoldsAsync(() => Task.FromResult(
                Seen("gateway", "Microsoft.AspNetCore") &&
                Seen("customers", "Microsoft.AspNetCore") &&
                Seen("customers", "Crm.Outbox") &&
                Seen("customers", "MassTransit") &&
                CrmSystemFixture.ReplicaServices.All(service => Seen(service, "MassTransit"))),
            TimeSpan.FromSeconds(20),
            $"spans of trace {traceId} from the gateway, the customer service, its outbox and every consumer; seen: " +
            string.Join(", ", system.Telemetry.Spans.Where(span => span.TraceId == traceId).Select(span => $"{span.ServiceName}/{span.ScopeName}/{span.Name}")));
    }
}

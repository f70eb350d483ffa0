using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Crm.Gateway.Tests.Infrastructure;

namespace Crm.Gateway.Tests;

public sealed class RequestLimitTests(RedisServer redis, FakeBackends backends)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_over_the_general_limit_is_refused_with_413_whether_or_not_it_declares_its_length()
    {
        await using var gateway = StartWithSmallBodyLimits();
        using var client = gateway.Client();

        using var declared = await client.PostAsync("/api/customers/contacts", new ByteArrayContent(new byte[2000]), Cancellation);
        await declared.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var chunked = await client.PostAsync("/api/customers/contacts", new UnknownLengthContent(4000), Cancellation);
        await chunked.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var small = await client.PostAsync("/api/customers/contacts", new UnknownLengthContent(1000), Cancellation);
        small.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await small.Content.ReadFromJsonAsync<EchoedRequest>(Cancellation))!.BodyBytes.ShouldBe(1000);
    }

    [Fact]
    public async Task An_import_upload_may_be_larger_up_to_its_own_limit()
    {
        await using var gateway = StartWithSmallBodyLimits();
        using var client = gateway.Client();

        using var import = await client.PostAsync("/api/sales/imports/leads", new ByteArrayContent(new byte[6000]), Cancellation);
        import.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await import.Content.ReadFromJsonAsync<EchoedRequest>(Cancellation))!.BodyBytes.ShouldBe(6000);

        using var chunkedImport = await client.PostAsync("/api/sales/imports", new UnknownLengthContent(6000), Cancellation);
        chunkedImport.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var tooLarge = await client.PostAsync("/api/sales/imports/leads", new ByteArrayContent(new byte[9000]), Cancellation);
        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // Only the imports folder of a service gets the larger limit, not a path that merely mentions it.
        using var elsewhere = await client.PostAsync("/api/sales/leads/imports", new ByteArrayContent(new byte[6000]), Cancellation);
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_backend_slower_than_the_timeout_is_answered_504_while_an_export_may_take_longer()
    {
        await using var gateway = GatewayHost.Start(redis, backends, new Dictionary<string, string?>
        {
            ["Gateway:Timeouts:DefaultSeconds"] = "2",
            ["Gateway:Timeouts:LongRunningSeconds"] = "20",
        });
        using var client = gateway.Client();

        var clock = Stopwatch.StartNew();
        using var slow = await client.GetAsync("/api/marketing/campaigns/slow?ms=30000", Cancellation);
        await slow.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));

        using var export = await client.GetAsync("/api/marketing/exports/campaigns/slow?ms=4000", Cancellation);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await export.Content.ReadAsStringAsync(Cancellation)).ShouldBe("finally");
    }

    private GatewayHost StartWithSmallBodyLimits() => GatewayHost.Start(redis, backends, new Dictionary<string, string?>
    {
        ["Gateway:Limits:MaxRequestBodyBytes"] = "1500",
        ["Gateway:Limits:MaxImportBodyBytes"] = "8000",
    });
}

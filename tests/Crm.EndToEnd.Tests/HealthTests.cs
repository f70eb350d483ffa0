using System.Net;
using System.Net.Http.Json;
using Crm.EndToEnd.Tests.Infrastructure;
using Shouldly;

namespace Crm.EndToEnd.Tests;

public sealed class HealthTests(CrmSystemFixture system)
{
    [Fact]
    public async Task Readiness_turns_unhealthy_while_the_services_database_is_down_and_recovers()
    {
        using var customers = system.ServiceClient("customers");
        (await StatusOfAsync(customers, "/health/ready")).ShouldBe(HttpStatusCode.OK);

        await SetConnectionsAllowedAsync("customersdb", allowed: false);
        try
        {
            await Eventually.HoldsAsync(async () => await StatusOfAsync(customers, "/health/ready") == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(15), "readiness reports the database outage");
            (await StatusOfAsync(customers, "/health/live")).ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await SetConnectionsAllowedAsync("customersdb", allowed: true);
        }

        await Eventually.HoldsAsync(async () => await StatusOfAsync(customers, "/health/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), "readiness recovers with the database");
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("sales")]
    [InlineData("marketing")]
    [InlineData("support")]
    [InlineData("gateway")]
    public async Task Every_process_answers_liveness_and_readiness_and_has_warmed_up(string resource)
    {
        using var client = system.ServiceClient(resource);
        (await StatusOfAsync(client, "/health/live")).ShouldBe(HttpStatusCode.OK);
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await ready.Content.ReadFromJsonAsync<ReadinessReport>(TestContext.Current.CancellationToken);
        report!.Checks["warm-up"].ShouldBe("Healthy");
        system.Output.LinesOf(resource, "Warm-up step").Where(line => line.Contains(" failed after ", StringComparison.Ordinal))
            .ShouldBeEmpty("every warm-up step of every start ran to the end");
    }

    private sealed record ReadinessReport(string Status, Dictionary<string, string> Checks);

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Takes one database away from its service (and its open sessions), the others keep working.</summary>
    private async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        var sql = allowed
            ? $"alter database {database} allow_connections true"
            : $"alter database {database} allow_connections false; select pg_terminate_backend(pid) from pg_stat_activity where datname = '{database}'";
        await system.CountAsync("postgres", $"{sql}; select 1");
    }
}

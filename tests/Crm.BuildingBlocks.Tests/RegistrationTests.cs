using Crm.BuildingBlocks.Persistence;
using Crm.BuildingBlocks.Tests.Consumers;
using Crm.BuildingBlocks.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.BuildingBlocks.Tests;

public sealed class RegistrationTests(Servers servers)
{
    [Fact]
    public async Task The_bus_and_the_database_are_readiness_checks_and_healthy()
    {
        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());

        var registrations = service.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        registrations.Single(registration => registration.Name == "masstransit-bus").Tags.ShouldContain("ready");
        registrations.Single(registration => registration.Name == "testdb").Tags.ShouldContain("ready");

        var report = await Eventually.Until(
            () => service.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(registration => registration.Tags.Contains("ready"), TestContext.Current.CancellationToken),
            health => health.Status == HealthStatus.Healthy);
        report.Entries.Keys.ShouldBe(["masstransit-bus", "testdb"], ignoreOrder: true);
    }

    [Fact]
    public async Task Queues_are_kebab_case_and_prefixed_with_the_service_name()
    {
        new KebabCaseEndpointNameFormatter("sales", false).Consumer<ThingHappenedConsumer>().ShouldBe("sales-thing-happened");

        await using var database = await servers.CreateDatabaseAsync();
        await using var service = await MessagingTestHost.StartAsync(servers, database, bus => bus.AddConsumer<ThingHappenedConsumer>());

        var queue = service.QueueName<ThingHappenedConsumer>();
        queue.ShouldBe($"{service.ServiceName}-thing-happened");
        (await Broker.MessageCountAsync(servers.MessagingConnectionString, queue)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5000")]
    public async Task Without_the_migrate_argument_nothing_is_migrated(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddServiceDbContext<TestDbContext>("unconfigured");
        using var host = builder.Build();

        // The connection string is missing, so touching the database would throw.
        (await host.RunMigrationsIfRequestedAsync<TestDbContext>(args)).ShouldBeFalse();
    }
}

using System.Net;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.Hosting;
using Shouldly;

namespace Crm.EndToEnd.Tests;

/// <summary>Events leave through the outbox, so neither a broker outage nor a crash loses them.</summary>
public sealed class DeliveryGuaranteeTests(CrmSystemFixture system)
{
    private static readonly TimeSpan AfterRecovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_rabbitmq_stopped_a_customer_is_still_created_and_its_event_arrives_after_the_restart()
    {
        var broker = system.App.GetResource<RabbitMQServerResource>("messaging");
        Guid id;
        await broker.StopAsync(TestContext.Current.CancellationToken);
        try
        {
            using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            id = await created.CreatedIdAsync();
            (await system.CountAsync("customersdb", "select count(*) from outbox_messages where dispatched_at is null")).ShouldBeGreaterThan(0);
        }
        finally
        {
            await broker.StartAsync(CancellationToken.None);
        }

        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), AfterRecovery,
                $"the {service} service received customer {id} after RabbitMQ came back");
        }
    }

    [Fact]
    public async Task A_service_killed_between_commit_and_publish_loses_nothing()
    {
        var broker = system.App.GetResource<RabbitMQServerResource>("messaging");
        var customers = system.App.GetResource<ProjectResource>("customers");
        Guid id;

        // With the broker away the commit happens but the publish cannot; the kill lands in between.
        await broker.StopAsync(TestContext.Current.CancellationToken);
        try
        {
            using var created = await system.Gateway.PostCustomerAsync(CustomerRequests.NewCompany());
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            id = await created.CreatedIdAsync();
            await customers.KillAsync();
        }
        finally
        {
            await broker.StartAsync(CancellationToken.None);
        }

        await customers.StartAsync(TestContext.Current.CancellationToken);
        foreach (var service in CrmSystemFixture.ReplicaServices)
        {
            await Eventually.HoldsAsync(() => system.Gateway.HasCopyAsync(service, id), AfterRecovery,
                $"the {service} service received customer {id} published after the crash");
        }
    }
}

using Crm.Contracts.Customers;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Journeys;
using MassTransit;

namespace Crm.Marketing.IntegrationEvents;

/// <summary>
/// An erased, deleted or merged-away customer leaves every journey at once. The runner's mailing check would stop
/// them at their next mail anyway; ending the enrolments now keeps the journeys' stats true.
/// </summary>
public sealed class JourneyExitConsumer(MarketingDbContext db, TimeProvider clock)
    : IConsumer<CustomerErased>, IConsumer<CustomerDeleted>, IConsumer<CustomersMerged>
{
    public Task Consume(ConsumeContext<CustomerErased> context) =>
        JourneyEnroller.ExitAllAsync(db, context.Message.CustomerId, "erased", clock.GetUtcNow(), context.CancellationToken);

    public Task Consume(ConsumeContext<CustomerDeleted> context) =>
        JourneyEnroller.ExitAllAsync(db, context.Message.CustomerId, "deleted", clock.GetUtcNow(), context.CancellationToken);

    public Task Consume(ConsumeContext<CustomersMerged> context) =>
        JourneyEnroller.ExitAllAsync(db, context.Message.SecondaryId, "merged into another customer", clock.GetUtcNow(), context.CancellationToken);
}

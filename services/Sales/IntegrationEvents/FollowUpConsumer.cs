using Crm.Contracts.Customers;
using Crm.Sales.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.IntegrationEvents;

/// <summary>
/// A customer's tier sets the follow-up cadence, and talking to the customer restarts the clock: either re-plans the
/// open follow-up at once. These events may overtake the customer's registration on another queue; then the copy is
/// not there yet and the message is retried until it is.
/// </summary>
public sealed class FollowUpConsumer(SalesDbContext db, TimeProvider clock) : IConsumer<CustomerTierChanged>, IConsumer<CustomerInteractionLogged>
{
    public Task Consume(ConsumeContext<CustomerTierChanged> context) =>
        db.ApplyTierChangeAsync(context.Message, clock.GetUtcNow(), context.CancellationToken);

    public async Task Consume(ConsumeContext<CustomerInteractionLogged> context)
    {
        var logged = context.Message;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == logged.CustomerId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Customer {logged.CustomerId} is not in the sales copy yet.");
        if (customer.LastInteractionAt >= logged.At)
        {
            return;
        }

        customer.LastInteractionAt = logged.At;
        await db.PlanFollowUpAsync(customer, clock.GetUtcNow(), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

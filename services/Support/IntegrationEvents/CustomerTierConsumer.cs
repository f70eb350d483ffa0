using Crm.Contracts.Customers;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.IntegrationEvents;

/// <summary>
/// Keeps the customer's tier on support's copy and re-plans the SLA targets of the customer's tickets that are not
/// closed: a customer who became high-value gets the faster policy on the tickets already open.
/// </summary>
public sealed class CustomerTierConsumer(SupportDbContext db, SlaPlanner planner, TimeProvider time) : IConsumer<CustomerTierChanged>
{
    public async Task Consume(ConsumeContext<CustomerTierChanged> context)
    {
        var changed = context.Message;
        var cancellationToken = context.CancellationToken;
        var copy = await db.Customers.FirstOrDefaultAsync(customer => customer.Id == changed.CustomerId, cancellationToken);
        if (copy is null)
        {
            // The tier overtook the registration; the registration fills in the rest (revision 1 is newer than 0).
            copy = new Customer { Id = changed.CustomerId, Name = "" };
            db.Customers.Add(copy);
        }
        else if (copy.TierChangedAt >= changed.OccurredAt)
        {
            return;
        }

        copy.Tier = Enum.TryParse<CustomerTier>(changed.Tier, ignoreCase: true, out var tier) ? tier : CustomerTier.General;
        copy.TierChangedAt = changed.OccurredAt;
        await db.SaveChangesAsync(cancellationToken);

        var now = time.GetUtcNow();
        var tickets = await db.Tickets.Where(ticket => ticket.CustomerId == changed.CustomerId && ticket.Status != TicketStatus.Closed)
            .ToListAsync(cancellationToken);
        foreach (var ticket in tickets)
        {
            await planner.PlanAsync(ticket, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using Crm.Contracts.Customers;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Infrastructure;

/// <summary>
/// Keeps each customer's one open follow-up task in line with its tier's cadence, owner and last interaction. The
/// caller saves, in the transaction of the change that called for it.
/// </summary>
public static class FollowUpPlanning
{
    public const string DefaultTier = "General";

    /// <summary>
    /// A new tier re-plans the customer's open follow-up at once and commits. The event may overtake the customer's
    /// registration on another queue; then the copy is not there yet and this throws, so the message is retried.
    /// </summary>
    public static async Task ApplyTierChangeAsync(this SalesDbContext db, CustomerTierChanged changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == changed.CustomerId, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {changed.CustomerId} is not in the sales copy yet.");
        if (customer.TierChangedAt >= changed.OccurredAt)
        {
            return;
        }

        customer.Tier = changed.Tier;
        customer.TierChangedAt = changed.OccurredAt;
        await db.PlanFollowUpAsync(customer, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task PlanFollowUpAsync(this SalesDbContext db, Customer customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Tasks.FirstOrDefaultAsync(
            task => task.CustomerId == customer.Id && task.IsFollowUp && task.Status == SalesTaskStatus.Open, cancellationToken);
        // Every customer starts as General: the customer service announces a tier only when it differs from that.
        var tier = customer.Tier ?? DefaultTier;
        var intervalDays = await db.FollowUpCadences.Where(cadence => cadence.Tier == tier).Select(cadence => (int?)cadence.IntervalDays)
            .FirstOrDefaultAsync(cancellationToken);
        if (customer.IsDeleted || customer.OwnerId is not { } ownerId || intervalDays is not { } days)
        {
            if (open is not null)
            {
                open.Status = SalesTaskStatus.Cancelled;
                open.UpdatedAt = now;
            }

            return;
        }

        var due = FollowUpClock.NextDue(customer.RegisteredAt, customer.LastInteractionAt, days);
        if (open is null)
        {
            db.Tasks.Add(new SalesTask
            {
                Id = Guid.CreateVersion7(now),
                Kind = SalesTaskKind.Call,
                Title = TitleFor(customer),
                DueAt = due,
                AssigneeId = ownerId,
                CustomerId = customer.Id,
                IsFollowUp = true,
                Status = SalesTaskStatus.Open,
                CreatedAt = now,
                UpdatedAt = now,
            });
            return;
        }

        if (open.DueAt != due)
        {
            // A new date is a new appointment: it is announced again when it comes due.
            open.DueAt = due;
            open.DueNotifiedAt = null;
            open.OverdueNotifiedAt = null;
        }

        open.AssigneeId = ownerId;
        open.Title = TitleFor(customer);
        open.UpdatedAt = now;
    }

    public static string TitleFor(string customerName) => $"Follow up with {customerName}";

    private static string TitleFor(Customer customer) => TitleFor(customer.Name);
}

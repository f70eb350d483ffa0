using Crm.Support.Apis;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

/// <summary>Runs a care plan's round: a check-in ticket for each customer of its tiers, then the timer of the next round.</summary>
public sealed class CarePlanRounds(SupportDbContext db, SlaPlanner planner)
{
    /// <summary>Schedules the plan's next round (its <see cref="CarePlan.NextRunAt"/>); commits with the caller's SaveChanges.</summary>
    public void Schedule(CarePlan plan, DateTimeOffset now) =>
        db.Timers.Add(new DurableTimer
        {
            Id = Guid.CreateVersion7(now), Kind = TimerKind.CarePlanCheckIn, SubjectId = plan.Id, DueAt = plan.NextRunAt, Deadline = plan.NextRunAt,
        });

    public async Task RunAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = await db.CarePlans.FirstOrDefaultAsync(p => p.Id == timer.SubjectId, cancellationToken);
        // A timer of a deleted plan, or of a round the plan was rescheduled away from, does nothing.
        if (plan is null || plan.NextRunAt != timer.Deadline)
        {
            return;
        }

        var tiers = plan.Tiers;
        var general = tiers.Contains(CustomerTier.General);
        var customers = await db.Customers.AsNoTracking()
            .Where(customer => !customer.IsDeleted && customer.Name != "" &&
                (customer.Tier == null ? general : tiers.Contains(customer.Tier.Value)))
            .Select(customer => customer.Id)
            .ToListAsync(cancellationToken);
        foreach (var customerId in customers)
        {
            var ticket = new Ticket
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = customerId,
                Subject = plan.Subject,
                Description = $"Proactive check-in of the care plan \"{plan.Name}\".",
                Category = TicketCategory.ServiceRequest,
                Priority = TicketPriority.Low,
                Channel = TicketChannel.Api,
                TeamId = plan.TeamId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Tickets.Add(ticket);
            await planner.PlanAsync(ticket, now, cancellationToken);
            db.AddIntegrationEvent(ticket.Opened(), orderingKey: ticket.Id.ToString());
        }

        plan.LastRunAt = now;
        // The next round counts from when this one was due, so a late round does not shift the cadence.
        plan.NextRunAt = plan.NextRunAt.AddDays(plan.CadenceDays);
        if (plan.NextRunAt <= now)
        {
            plan.NextRunAt = now.AddDays(plan.CadenceDays);
        }

        Schedule(plan, now);
    }
}

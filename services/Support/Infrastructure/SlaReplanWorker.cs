using System.Linq.Expressions;
using Crm.BuildingBlocks.Hosting;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Works through the queued <see cref="SlaReplan"/>s, oldest first: each round claims one with <c>FOR UPDATE SKIP
/// LOCKED</c> (so replicas take different ones), re-plans its next batch of tickets in id order on the policies and
/// calendars as they are now, and commits the tickets, their new timers and the re-plan's progress together.
/// </summary>
public sealed class SlaReplanWorker(
    IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<SlaReplanOptions> options, ILogger<SlaReplanWorker> logger)
    : PollingWorker(TimeProvider.System, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportDbContext>();
        var planner = scope.ServiceProvider.GetRequiredService<SlaPlanner>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replan = (await db.SlaReplans
            .FromSql($"SELECT * FROM sla_replans WHERE completed_at IS NULL ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (replan is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        replan.StartedAt ??= now;
        var after = replan.Cursor ?? Guid.Empty;
        var batch = await db.Tickets.FromSql($"SELECT * FROM tickets WHERE id > {after}")
            .Where(ticket => ticket.Status != TicketStatus.Closed)
            .Where(await AffectedAsync(db, planner, replan, cancellationToken))
            .OrderBy(ticket => ticket.Id)
            .Select(ticket => ticket.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        // Locked in id order: an agent's write to one of them waits for the batch instead of failing it.
        var tickets = await db.Tickets.FromSql($"SELECT *, xmin FROM tickets WHERE id = ANY({batch.ToArray()}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var ticket in tickets.Where(ticket => ticket.Status != TicketStatus.Closed))
        {
            await planner.PlanAsync(ticket, now, cancellationToken);
            replan.Replanned++;
        }

        if (batch.Count < options.Value.BatchSize)
        {
            replan.CompletedAt = now;
        }
        else
        {
            replan.Cursor = batch[^1];
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The tickets the change may move: those counted on the calendar, or those the policy may govern (read now, so a
    /// policy moved to another tier takes that tier's tickets).
    /// </summary>
    private static async Task<Expression<Func<Ticket, bool>>> AffectedAsync(
        SupportDbContext db, SlaPlanner planner, SlaReplan replan, CancellationToken cancellationToken)
    {
        if (replan.CalendarId is { } calendarId)
        {
            return ticket => ticket.SlaCalendarId == calendarId;
        }

        var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == replan.PolicyId, cancellationToken);
        return policy is null ? ticket => ticket.SlaPolicyId == replan.PolicyId : planner.GovernedBy(policy.Id, policy.Tier);
    }
}

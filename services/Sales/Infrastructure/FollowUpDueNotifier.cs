using Crm.Contracts.Sales;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Sales.Infrastructure;

/// <summary>
/// Announces follow-ups when their due day starts and again when their due time passes, once each. Replicas share the
/// work without doubling it: each takes a batch of rows with <c>FOR UPDATE SKIP LOCKED</c>, and the event goes into the
/// outbox in the same transaction that marks the task announced.
/// </summary>
public sealed class FollowUpDueNotifier(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<FollowUpDueNotifier> logger)
    : PollingWorker(clock, logger)
{
    public const string IntervalSetting = "Sales:FollowUpCheckInterval";
    private const int BatchSize = 100;

    protected override TimeSpan PollInterval => configuration.GetValue(IntervalSetting, TimeSpan.FromSeconds(5));

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken) =>
        await AnnounceBatchAsync(cancellationToken) == BatchSize;

    private async Task<int> AnnounceBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SalesDbContext>();
        var now = Clock.GetUtcNow();
        var endOfDay = FollowUpClock.EndOfDay(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // xmin named explicitly: it is the row version EF reads, and * leaves system columns out.
        var tasks = await db.Tasks.FromSql($"""
            SELECT *, xmin FROM tasks
            WHERE status = 'Open' AND is_follow_up AND customer_id IS NOT NULL AND due_at < {endOfDay}
              AND (due_notified_at IS NULL OR (overdue_notified_at IS NULL AND due_at < {now}))
            ORDER BY due_at
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            if (task.DueNotifiedAt is null)
            {
                task.DueNotifiedAt = now;
                db.AddIntegrationEvent(Announcement(task, overdue: false, now), orderingKey: task.Id.ToString());
            }

            if (task.OverdueNotifiedAt is null && FollowUpClock.IsOverdue(task.DueAt, now))
            {
                task.OverdueNotifiedAt = now;
                db.AddIntegrationEvent(Announcement(task, overdue: true, now), orderingKey: task.Id.ToString());
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tasks.Count;
    }

    private static FollowUpDue Announcement(SalesTask task, bool overdue, DateTimeOffset now) =>
        new(task.Id, task.CustomerId!.Value, task.AssigneeId, task.Kind.ToString(), task.Title, task.DueAt, overdue, now);
}

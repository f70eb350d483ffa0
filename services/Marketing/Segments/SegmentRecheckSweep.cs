using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Marketing.Segments;

/// <summary>
/// Recomputes segments whose rules look back "in the last N days" (contacts leave them as time passes, with no event),
/// and any segment never evaluated. A replica claims one due segment at a time with <c>FOR NO KEY UPDATE SKIP LOCKED</c>
/// and keeps the row locked while it evaluates, so several replicas never evaluate the same segment at once; the next
/// re-check time is written in the same transaction as the membership changes. (Not <c>FOR UPDATE</c>: that would also
/// block the foreign-key check of a contact entering the segment, which holds the segment's event lock that the
/// evaluation waits for next, a deadlock.)
/// </summary>
public sealed class SegmentRecheckSweep(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<MarketingOptions> options, ILogger<SegmentRecheckSweep> logger)
    : PollingWorker(clock, logger)
{
    protected override TimeSpan PollInterval => options.Value.SweepPollInterval;

    protected override Task<bool> RunRoundAsync(CancellationToken cancellationToken) => RecheckOneAsync(cancellationToken);

    private async Task<bool> RecheckOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var live = scope.ServiceProvider.GetRequiredService<LiveSegments>();
        var now = Clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Segments.FromSql($"""
            SELECT * FROM segments
            WHERE evaluated_at IS NULL OR recheck_at <= {now}
            ORDER BY recheck_at NULLS FIRST
            LIMIT 1
            FOR NO KEY UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed is not [var segment])
        {
            return false;
        }

        var (entered, left) = await live.EvaluateAsync(segment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Segment {SegmentId} re-checked: {Entered} entered, {Left} left", segment.Id, entered, left);
        return true;
    }
}

using Crm.Marketing.Infrastructure;
using Crm.Marketing.Segments;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Sending;

/// <summary>Which contacts a segment's rules select at this moment, asked of the database in one query.</summary>
public sealed class SegmentEvaluator(MarketingDbContext db, LiveSegments live)
{
    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid segmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var segment = await db.Segments.AsNoTracking().FirstAsync(candidate => candidate.Id == segmentId, cancellationToken);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await live.PlanForAllContactsAsync(cancellationToken);
            return await live.Matching(LiveSegments.RuleOf(segment), now).Select(contact => contact.Id).ToListAsync(cancellationToken);
        }
    }
}

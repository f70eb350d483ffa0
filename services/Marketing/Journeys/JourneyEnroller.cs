using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Journeys;

/// <summary>
/// Puts a person at the start of every active journey whose trigger matches. Once per journey: the insert skips a
/// (journey, contact) pair that already exists, so a redelivered event or a second visit changes nothing, and a person
/// who finished or left a journey does not walk it again.
/// </summary>
public sealed class JourneyEnroller(MarketingDbContext db, TimeProvider clock)
{
    /// <returns>How many journeys the person entered.</returns>
    public async Task<int> EnrolAsync(Guid contactId, JourneyTrigger trigger, Func<Journey, bool> matches, CancellationToken cancellationToken)
    {
        var candidates = await db.Journeys.AsNoTracking()
            .Where(journey => journey.Status == JourneyStatus.Active && journey.Trigger == trigger)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var entered = 0;
        foreach (var journey in candidates.Where(matches))
        {
            // Raw SQL for ON CONFLICT: two replicas or two events for the same person race here, and neither may fail.
            entered += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO journey_enrolments (journey_id, contact_id, status, step_index, due_at, enrolled_at)
                VALUES ({journey.Id}, {contactId}, {nameof(EnrolmentStatus.Active)}, 0, {now}, {now})
                ON CONFLICT (journey_id, contact_id) DO NOTHING
                """, cancellationToken);
        }

        return entered;
    }

    /// <summary>Ends every enrolment of a person who may never be mailed again (unsubscribed, bounced, erased, deleted).</summary>
    public static Task<int> ExitAllAsync(MarketingDbContext db, Guid contactId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.JourneyEnrolments
            .Where(enrolment => enrolment.ContactId == contactId && enrolment.Status == EnrolmentStatus.Active)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, EnrolmentStatus.Exited)
                .SetProperty(e => e.ExitReason, reason)
                .SetProperty(e => e.EndedAt, now)
                .SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null), cancellationToken);
}

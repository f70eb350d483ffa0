using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Crm.BuildingBlocks.Hosting;

namespace Crm.Marketing.Scoring;

/// <summary>
/// Lowers the scores of quiet contacts as their behaviour points age. Each replica takes batches of contacts whose score
/// was last computed more than <see cref="MarketingOptions.LeadScoreDecayInterval"/> ago, with <c>FOR UPDATE SKIP
/// LOCKED</c>, so replicas share the work without doing it twice. Progress is the contact's own
/// <c>lead_score_checked_at</c>, stamped in the transaction that writes the new score, its event and the contact's
/// segment changes: a sweep cut off by a crash resumes where it stopped.
/// </summary>
public sealed class LeadScoreDecaySweep(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<MarketingOptions> options, ILogger<LeadScoreDecaySweep> logger)
    : PollingWorker(clock, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan PollInterval => options.Value.SweepPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken) =>
        await DecayBatchAsync(cancellationToken) == BatchSize;

    public async Task<int> DecayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var scorer = scope.ServiceProvider.GetRequiredService<LeadScorer>();
        var live = scope.ServiceProvider.GetRequiredService<LiveSegments>();
        var due = Clock.GetUtcNow() - options.Value.LeadScoreDecayInterval;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contacts = await db.Customers.FromSql($"""
            SELECT * FROM customers
            WHERE lead_score <> 0 AND NOT is_deleted AND (lead_score_checked_at IS NULL OR lead_score_checked_at <= {due})
            ORDER BY lead_score_checked_at
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (contacts.Count == 0)
        {
            return 0;
        }

        var rules = await db.ScoringRules.AsNoTracking().ToListAsync(cancellationToken);
        var moved = new List<Guid>();
        foreach (var contact in contacts)
        {
            if (await scorer.DecayAsync(contact, rules, cancellationToken))
            {
                moved.Add(contact.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var contactId in moved)
        {
            // A lower score can take the contact out of "lead score ≥ N" segments.
            await live.RefreshContactAsync(contactId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contacts.Count;
    }
}

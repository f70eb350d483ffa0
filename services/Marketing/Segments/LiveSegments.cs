using System.Data;
using System.Text.Json.Nodes;
using Crm.BuildingBlocks.Messaging;
using Crm.Contracts.Marketing;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Marketing.Segments;

/// <summary>
/// Keeps <c>segment_members</c> equal to what the rules select, and announces every entry and exit exactly once through
/// the outbox (<see cref="ContactEnteredSegment"/>, <see cref="ContactLeftSegment"/>). Both paths run the rules as SQL
/// built from the same predicate: one contact against every segment when the contact changes, or one segment against
/// every contact, set-wise, on demand. An event is written only for a row actually inserted or deleted, and both paths
/// hold the segment's ordering lock before touching its rows, so they cannot announce the same change twice or
/// deadlock on each other.
/// </summary>
public sealed class LiveSegments(MarketingDbContext db, TimeProvider clock, IOptions<MarketingOptions> options)
{
    private static readonly string EnteredType = typeof(ContactEnteredSegment).FullName!;
    private static readonly string LeftType = typeof(ContactLeftSegment).FullName!;

    /// <summary>Keeps one contact's check to a statement of bounded size however many segments there are.</summary>
    private const int SegmentsPerQuery = 50;

    /// <summary>
    /// Who a segment can hold at all: contacts that exist and have an address. Consent counts only where a rule selects on
    /// it; whether a member may be mailed is <see cref="Mailable"/>, asked again at send time.
    /// </summary>
    public IQueryable<Customer> Reachable => db.Customers.AsNoTracking().Where(contact => !contact.IsDeleted && contact.Email != null);

    /// <summary>
    /// Of these contacts, the ones a campaign or journey may mail as far as consent and the suppression list go (the
    /// frequency cap is applied when sending). Membership itself does not depend on it; counts show both.
    /// </summary>
    public IQueryable<Customer> Mailable(IQueryable<Customer> contacts) =>
        contacts.Where(contact => contact.Consent == ConsentState.OptedIn
            && !db.Suppressions.Any(suppression => suppression.Email == contact.Email!.ToLower()));

    /// <summary>
    /// Sets up the rest of the caller's transaction for rules run over every contact. With more memory PostgreSQL hashes
    /// each behaviour condition's contacts once, from the <c>(kind, occurred_at)</c> index, instead of probing the behaviours
    /// once per contact: it only considers a hash that fits in twice <c>work_mem</c>, and the default 4 MB is too little for
    /// a 30-day window of clicks over a million contacts (~10 MB). Without JIT, because the probing alternative's cost
    /// estimate triggers a second of compilation that buys nothing.
    /// </summary>
    public Task PlanForAllContactsAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("Run rules over every contact inside a transaction.")
            : db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '128MB'; SET LOCAL jit = off", cancellationToken);

    public IQueryable<Customer> Matching(SegmentRule rule, DateTimeOffset now) =>
        Reachable.Where(rule.ToPredicate(new SegmentSources(db.Behaviours.AsNoTracking(), now)));

    public static SegmentRule RuleOf(Segment segment) =>
        SegmentRuleParser.Parse(JsonNode.Parse(segment.Rules), "rules", [])
        ?? throw new InvalidOperationException($"Segment {segment.Id} holds rules that no longer parse.");

    /// <summary>
    /// Saves the caller's changes to a contact and brings the contact's memberships up to date in the same transaction
    /// (the caller's, or one of its own), events included.
    /// </summary>
    public async Task SaveAndRefreshAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.SaveChangesAsync(cancellationToken);
            await RefreshContactAsync(contactId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Evaluates one contact against every segment in one round trip (a <c>UNION ALL</c> of each segment's rules narrowed
    /// to the contact, <see cref="SegmentsPerQuery"/> at a time); call inside a transaction, after the contact's change is saved.
    /// </summary>
    public async Task RefreshContactAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var segments = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        var matching = new HashSet<Guid>();
        foreach (var batch in segments.Chunk(SegmentsPerQuery))
        {
            var query = batch.Select(segment => SegmentIfMatching(segment, contactId, now)).Aggregate((all, next) => all.Concat(next));
            matching.UnionWith(await query.ToListAsync(cancellationToken));
        }

        var current = await db.SegmentMembers.Where(member => member.ContactId == contactId).Select(member => member.SegmentId)
            .ToListAsync(cancellationToken);
        var entering = matching.Except(current).ToList();
        var leaving = current.Except(matching).ToList();
        if (entering.Count + leaving.Count == 0)
        {
            return;
        }

        await db.LockOrderingKeysAsync([.. entering.Concat(leaving).Select(OrderingKey)], cancellationToken);
        var names = segments.ToDictionary(segment => segment.Id, segment => segment.Name);
        foreach (var segmentId in entering)
        {
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO segment_members (segment_id, contact_id, entered_at) VALUES ({segmentId}, {contactId}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                db.AddIntegrationEvent(new ContactEnteredSegment(segmentId, names[segmentId], contactId, now), OrderingKey(segmentId));
            }
        }

        foreach (var segmentId in leaving)
        {
            var deleted = await db.SegmentMembers.Where(member => member.SegmentId == segmentId && member.ContactId == contactId)
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted == 1 && names.TryGetValue(segmentId, out var name))
            {
                db.AddIntegrationEvent(new ContactLeftSegment(segmentId, name, contactId, now), OrderingKey(segmentId));
            }
        }
    }

    /// <summary>
    /// Recomputes a whole segment in one statement: the rules' query, the rows to insert and delete, and one outbox row per
    /// change; then stamps the (tracked) segment with when it was evaluated and, for time-window rules, when to re-check.
    /// Call inside a transaction with the segment row locked (or new), so two evaluations of it do not overlap; save after.
    /// </summary>
    public async Task<(int Entered, int Left)> EvaluateAsync(Segment segment, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Evaluate a segment inside a transaction.");
        var now = clock.GetUtcNow();
        var rule = RuleOf(segment);
        segment.EvaluatedAt = now;
        segment.RecheckAt = rule.HasTimeWindow ? now + options.Value.SegmentRecheckInterval : null;
        await db.LockOrderingKeysAsync([OrderingKey(segment.Id)], cancellationToken);
        await PlanForAllContactsAsync(cancellationToken);

        // The rules become SQL with their values as parameters (EF Core's translation of the predicate); only our own
        // fixed text is put around it. NOT IN, not NOT EXISTS, for who is gone: it is always one hash of the matching ids,
        // while an anti-join planned from stale statistics (a segment that just filled) compares every pair of rows.
        await using var command = Matching(rule, now).Select(contact => contact.Id).CreateDbCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandTimeout = 600;
        command.CommandText = $"""
            WITH matching AS MATERIALIZED ({command.CommandText}),
            entered AS (
                INSERT INTO segment_members (segment_id, contact_id, entered_at)
                SELECT @live_segment_id, matching.id, @live_now FROM matching
                ON CONFLICT DO NOTHING
                RETURNING contact_id),
            gone AS (
                DELETE FROM segment_members AS member
                WHERE member.segment_id = @live_segment_id AND member.contact_id NOT IN (SELECT id FROM matching)
                RETURNING contact_id),
            changes AS (
                SELECT @live_entered_type AS message_type, contact_id FROM entered
                UNION ALL
                SELECT @live_left_type, contact_id FROM gone),
            written AS (
                INSERT INTO outbox_messages (id, ordering_key, message_type, payload, headers, created_at, attempts)
                SELECT gen_random_uuid(), @live_ordering_key, changes.message_type,
                       jsonb_build_object('segmentId', @live_segment_id, 'segmentName', @live_segment_name,
                                          'contactId', changes.contact_id, 'occurredAt', @live_now),
                       jsonb_build_object(), now(), 0
                FROM changes
                RETURNING message_type)
            SELECT count(*) FILTER (WHERE message_type = @live_entered_type)::int,
                   count(*) FILTER (WHERE message_type = @live_left_type)::int
            FROM written
            """;
        command.Parameters.Add(new NpgsqlParameter("live_segment_id", segment.Id));
        command.Parameters.Add(new NpgsqlParameter("live_now", now));
        command.Parameters.Add(new NpgsqlParameter("live_segment_name", segment.Name));
        command.Parameters.Add(new NpgsqlParameter("live_ordering_key", OrderingKey(segment.Id)));
        command.Parameters.Add(new NpgsqlParameter("live_entered_type", EnteredType));
        command.Parameters.Add(new NpgsqlParameter("live_left_type", LeftType));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The segment's id when the contact matches its rules (and is reachable), else no row.</summary>
    private IQueryable<Guid> SegmentIfMatching(Segment segment, Guid contactId, DateTimeOffset now)
    {
        var segmentId = segment.Id;
        return Matching(RuleOf(segment), now).Where(contact => contact.Id == contactId).Select(contact => segmentId);
    }

    /// <summary>Per segment: a contact's entry and exit reach consumers in the order they happened.</summary>
    private static string OrderingKey(Guid segmentId) => $"segment:{segmentId}";
}

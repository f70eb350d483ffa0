using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Sending;

/// <summary>Writes a campaign's recipient rows once: the segment's contacts minus the excluded segments' contacts.</summary>
public sealed class RecipientQueue(MarketingDbContext db, SegmentEvaluator segments, TimeProvider clock)
{
    public async Task QueueAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the first replica to flip the flag writes rows; the unique (campaign, contact) index backs that up.
        var mine = await db.Campaigns
            .Where(candidate => candidate.Id == campaign.Id && !candidate.RecipientsQueued)
            .ExecuteUpdateAsync(set => set.SetProperty(candidate => candidate.RecipientsQueued, true), cancellationToken);
        if (mine == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var excluded = new HashSet<Guid>();
        foreach (var segmentId in campaign.ExcludedSegmentIds)
        {
            excluded.UnionWith(await segments.MembersAsync(segmentId, now, cancellationToken));
        }

        var members = await segments.MembersAsync(campaign.SegmentId, now, cancellationToken);
        var contactIds = members.Where(contactId => !excluded.Contains(contactId)).ToArray();
        var messageIds = contactIds.Select(contactId => MailComposer.MessageIdFor(campaign.Id, contactId)).ToArray();
        // One statement for the whole list: a campaign to 100,000 people is queued in about a second, not row by row.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO campaign_recipients (campaign_id, contact_id, status, message_id)
            SELECT {campaign.Id}, queued.contact_id, 'Queued', queued.message_id
            FROM unnest({contactIds}, {messageIds}) AS queued (contact_id, message_id)
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

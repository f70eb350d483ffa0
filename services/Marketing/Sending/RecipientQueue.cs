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
        db.CampaignRecipients.AddRange(members.Where(contactId => !excluded.Contains(contactId)).Select(contactId => new CampaignRecipient
        {
            CampaignId = campaign.Id,
            ContactId = contactId,
            Status = RecipientStatus.Queued,
            MessageId = MailComposer.MessageIdFor(campaign.Id, contactId),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

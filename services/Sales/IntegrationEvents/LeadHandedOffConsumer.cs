using Crm.Contracts.Marketing;
using Crm.Sales.Apis;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.IntegrationEvents;

/// <summary>
/// Marketing hands a person over: the first hand-off creates their lead, assigned by the administrator's rules; a
/// repeat one updates that lead's score and reasons and adds to its history. One lead per contact is kept by a unique
/// index: of two replicas creating the same lead at once one fails, is retried, and then finds the lead.
/// </summary>
public sealed class LeadHandedOffConsumer(SalesDbContext db, TimeProvider clock) : IConsumer<LeadHandedOff>
{
    public async Task Consume(ConsumeContext<LeadHandedOff> context)
    {
        var handOff = context.Message;
        var cancellationToken = context.CancellationToken;
        var campaignId = handOff.LastTouch?.CampaignId ?? handOff.FirstTouch?.CampaignId;
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.ContactId == handOff.ContactId, cancellationToken);
        if (lead is null)
        {
            var now = clock.GetUtcNow();
            lead = new Lead
            {
                Id = Guid.CreateVersion7(now),
                ContactId = handOff.ContactId,
                Name = handOff.Name.Trim(),
                Company = LeadWrites.Clean(handOff.Company),
                Email = LeadWrites.Clean(handOff.Email),
                Phone = LeadWrites.Clean(handOff.Phone),
                Region = LeadWrites.Clean(handOff.Region),
                Source = LeadWrites.Clean(handOff.Source ?? handOff.FirstTouch?.Source),
                CampaignId = campaignId,
                CustomerId = handOff.CustomerId,
                Status = LeadStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
            };
            // Inside the inbox transaction: the round-robin row lock lasts until the lead is committed.
            lead.OwnerId = await db.AssignOwnerAsync(lead.Region, lead.Source, cancellationToken);
            db.Leads.Add(lead);
        }
        else
        {
            lead.CampaignId = campaignId ?? lead.CampaignId;
            lead.UpdatedAt = clock.GetUtcNow();
        }

        lead.Score = handOff.Score;
        lead.ScoreReasons = [.. handOff.Reasons];
        lead.HandOffs.Add(new LeadHandOff
        {
            LeadId = lead.Id,
            Score = handOff.Score,
            Reasons = [.. handOff.Reasons],
            CampaignId = campaignId,
            OccurredAt = handOff.OccurredAt,
        });
        if (db.Entry(lead).State == EntityState.Added)
        {
            db.AddIntegrationEvent(lead.Created(), orderingKey: lead.Id.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using Crm.Contracts.Customers;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Segments;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.IntegrationEvents;

/// <summary>Keeps tier, lifecycle, RFM, spend and last purchase on the contact, for segment rules, and the contact's segments up to date.</summary>
public sealed class CustomerValueConsumer(MarketingDbContext db, LiveSegments live) : IConsumer<CustomerValueChanged>
{
    public async Task Consume(ConsumeContext<CustomerValueChanged> context)
    {
        var value = context.Message;
        var contact = await db.Customers.FirstOrDefaultAsync(customer => customer.Id == value.CustomerId, context.CancellationToken);
        // Unknown (its registration is still on the way) or already newer: the event carries the whole picture, so
        // the next one repairs a contact that missed this.
        if (contact is null || contact.ValueAsOf >= value.OccurredAt)
        {
            return;
        }

        contact.Tier = value.Tier;
        contact.Lifecycle = value.Lifecycle;
        contact.Recency = value.Recency;
        contact.Frequency = value.Frequency;
        contact.Monetary = value.Monetary;
        contact.TotalSpend = value.TotalSpend;
        contact.LastPurchaseAt = value.LastPurchaseAt;
        contact.ValueAsOf = value.OccurredAt;
        // A new tier or purchase can move the contact into or out of segments.
        await live.SaveAndRefreshAsync(contact.Id, context.CancellationToken);
    }
}

using System.Globalization;
using Crm.Contracts.Sales;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// What sales does with a customer reaches its timeline; a won deal also becomes a purchase, counted once
/// (the inbox drops a redelivery, and the purchase's source reference is unique besides).
/// </summary>
public sealed class SalesActivityConsumer(CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock) :
    IConsumer<OpportunityCreated>, IConsumer<OpportunityStageChanged>, IConsumer<OpportunityWon>, IConsumer<OpportunityLost>
{
    private const string Sales = "sales";

    public async Task Consume(ConsumeContext<OpportunityCreated> context)
    {
        var deal = context.Message;
        db.AddTimelineEntry(deal.CustomerId, deal.OccurredAt, "deal.created",
            $"Deal {deal.Name} opened at {deal.StageName}: {Money(deal.Amount, deal.Currency)}",
            new { deal.OpportunityId, deal.StageName, deal.Amount, deal.Currency, deal.ExpectedCloseDate }, deal.OwnerId.ToString(), Sales);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<OpportunityStageChanged> context)
    {
        var move = context.Message;
        db.AddTimelineEntry(move.CustomerId, move.OccurredAt, "deal.stage-changed",
            $"Deal moved from {move.FromStageName} to {move.ToStageName} ({move.Probability} %)",
            new { move.OpportunityId, move.FromStageName, move.ToStageName, move.Probability, move.Amount, move.Currency },
            move.OwnerId.ToString(), Sales);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<OpportunityWon> context)
    {
        var won = context.Message;
        var reference = won.OpportunityId.ToString();
        if (await db.Customers.AnyAsync(customer => customer.Id == won.CustomerId, context.CancellationToken)
            && !await db.Purchases.AnyAsync(p => p.Source == Sales && p.SourceReference == reference, context.CancellationToken))
        {
            db.Purchases.Add(new Purchase
            {
                Id = Guid.CreateVersion7(),
                CustomerId = won.CustomerId,
                PurchasedAt = won.WonAt,
                Amount = won.Amount,
                Currency = won.Currency,
                Items = [new PurchaseItem { Name = won.Name, Quantity = 1, UnitPrice = won.Amount }],
                Source = Sales,
                SourceReference = reference,
                CreatedAt = clock.GetUtcNow(),
            });
        }

        db.AddTimelineEntry(won.CustomerId, won.WonAt, "deal.won", $"Deal {won.Name} won: {Money(won.Amount, won.Currency)}",
            new { won.OpportunityId, won.Amount, won.Currency }, won.OwnerId.ToString(), Sales, sourceReference: $"won:{reference}");
        await recalculator.SaveAndRevalueAsync(won.CustomerId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<OpportunityLost> context)
    {
        var lost = context.Message;
        db.AddTimelineEntry(lost.CustomerId, lost.LostAt, "deal.lost", $"Deal lost at {lost.LostAtStageName}: {lost.Reason}",
            new { lost.OpportunityId, lost.Reason, lost.Competitor, lost.LostAtStageName, lost.Amount, lost.Currency },
            lost.OwnerId.ToString(), Sales);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    private static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";
}

using Crm.Contracts.Marketing;
using Crm.Contracts.Sales;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model.Valuation;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// Keeps what a prospect's rating is predicted from: the deals open for the customer in sales and marketing's latest
/// lead score. Each change revalues the customer, so the rating and its terms follow at once.
/// </summary>
public sealed class ProspectSignalsConsumer(CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock) :
    IConsumer<OpportunityCreated>, IConsumer<OpportunityStageChanged>, IConsumer<OpportunityWon>, IConsumer<OpportunityLost>,
    IConsumer<LeadScoreChanged>, IConsumer<LeadHandedOff>
{
    private static readonly string[] ClosedStageKinds = ["Won", "Lost"];

    public Task Consume(ConsumeContext<OpportunityCreated> context)
    {
        var deal = context.Message;
        return KeepOpenAsync(deal.OpportunityId, deal.CustomerId, deal.Amount, deal.Currency, deal.Probability, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OpportunityStageChanged> context)
    {
        var deal = context.Message;
        return ClosedStageKinds.Contains(deal.ToStageKind, StringComparer.OrdinalIgnoreCase)
            ? ForgetAsync(deal.OpportunityId, context.CancellationToken)
            : KeepOpenAsync(deal.OpportunityId, deal.CustomerId, deal.Amount, deal.Currency, deal.Probability, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OpportunityWon> context) => ForgetAsync(context.Message.OpportunityId, context.CancellationToken);

    public Task Consume(ConsumeContext<OpportunityLost> context) => ForgetAsync(context.Message.OpportunityId, context.CancellationToken);

    public Task Consume(ConsumeContext<LeadScoreChanged> context) =>
        SetScoreAsync(context.Message.ContactId, context.Message.Score, context.CancellationToken);

    public Task Consume(ConsumeContext<LeadHandedOff> context) =>
        context.Message.CustomerId is { } customerId ? SetScoreAsync(customerId, context.Message.Score, context.CancellationToken) : Task.CompletedTask;

    private async Task KeepOpenAsync(Guid opportunityId, Guid customerId, decimal amount, string currency, int probability, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(customer => customer.Id == customerId, cancellationToken))
        {
            return;   // erased, merged away or not yet known: nothing to rate
        }

        var open = await db.OpenOpportunities.FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, cancellationToken);
        if (open is null)
        {
            open = new OpenOpportunity { OpportunityId = opportunityId, Currency = currency };
            db.OpenOpportunities.Add(open);
        }

        (open.CustomerId, open.Amount, open.Currency, open.Probability, open.UpdatedAt) = (customerId, amount, currency, probability, clock.GetUtcNow());
        await recalculator.SaveAndRevalueAsync(customerId, cancellationToken);
    }

    private async Task ForgetAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        var open = await db.OpenOpportunities.FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, cancellationToken);
        if (open is null)
        {
            return;
        }

        db.OpenOpportunities.Remove(open);
        await recalculator.SaveAndRevalueAsync(open.CustomerId, cancellationToken);
    }

    private async Task SetScoreAsync(Guid customerId, int score, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(customer => customer.Id == customerId, cancellationToken))
        {
            return;
        }

        var stored = await db.LeadScores.FirstOrDefaultAsync(s => s.CustomerId == customerId, cancellationToken);
        if (stored is null)
        {
            stored = new LeadScore { CustomerId = customerId };
            db.LeadScores.Add(stored);
        }

        (stored.Score, stored.UpdatedAt) = (score, clock.GetUtcNow());
        await recalculator.SaveAndRevalueAsync(customerId, cancellationToken);
    }
}

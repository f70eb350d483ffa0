using Crm.BuildingBlocks.Messaging;
using Crm.Contracts.Marketing;
using Crm.Contracts.Sales;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model.Valuation;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// Keeps what a prospect's rating is predicted from: the customer's deals in sales and marketing's latest lead score.
/// Each change revalues the customer, so the rating and its terms follow at once. Messages are consumed concurrently
/// and a retry reorders them, so each row keeps the time of the event it reflects and an older event arriving later is
/// dropped: a deal lost before its creation is read stays closed, and a hand-off's score does not undo a newer one.
/// The customer's event lock, taken first, makes that check and the write one step and two signals of one customer
/// wait for each other rather than collide on the insert.
/// </summary>
public sealed class ProspectSignalsConsumer(CustomersDbContext db, ValueRecalculator recalculator, TimeProvider clock) :
    IConsumer<OpportunityCreated>, IConsumer<OpportunityStageChanged>, IConsumer<OpportunityWon>, IConsumer<OpportunityLost>,
    IConsumer<LeadScoreChanged>, IConsumer<LeadHandedOff>
{
    private static readonly string[] ClosedStageKinds = ["Won", "Lost"];

    public Task Consume(ConsumeContext<OpportunityCreated> context)
    {
        var deal = context.Message;
        return ApplyDealAsync(deal.OpportunityId, deal.CustomerId, new DealState(deal.Amount, deal.Currency, deal.Probability, IsClosed: false),
            deal.OccurredAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OpportunityStageChanged> context)
    {
        var deal = context.Message;
        var isClosed = ClosedStageKinds.Contains(deal.ToStageKind, StringComparer.OrdinalIgnoreCase);
        return ApplyDealAsync(deal.OpportunityId, deal.CustomerId, new DealState(deal.Amount, deal.Currency, deal.Probability, isClosed),
            deal.OccurredAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OpportunityWon> context)
    {
        var deal = context.Message;
        return ApplyDealAsync(deal.OpportunityId, deal.CustomerId, new DealState(deal.Amount, deal.Currency, Probability: 100, IsClosed: true),
            deal.WonAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OpportunityLost> context)
    {
        var deal = context.Message;
        return ApplyDealAsync(deal.OpportunityId, deal.CustomerId, new DealState(deal.Amount, deal.Currency, Probability: 0, IsClosed: true),
            deal.LostAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<LeadScoreChanged> context) =>
        SetScoreAsync(context.Message.ContactId, context.Message.Score, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<LeadHandedOff> context) =>
        context.Message.CustomerId is { } customerId
            ? SetScoreAsync(customerId, context.Message.Score, context.Message.OccurredAt, context.CancellationToken)
            : Task.CompletedTask;

    private async Task ApplyDealAsync(Guid opportunityId, Guid customerId, DealState state, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await db.LockOrderingKeysAsync([customerId.ToString()], cancellationToken);
        var deal = await db.OpenOpportunities.FirstOrDefaultAsync(o => o.OpportunityId == opportunityId, cancellationToken);
        if (deal?.AsOf > asOf)
        {
            return;   // a later event of this deal came first
        }

        var customerKnown = await db.Customers.AnyAsync(customer => customer.Id == customerId, cancellationToken);
        if (deal is null)
        {
            if (!customerKnown)
            {
                return;   // erased, merged away or not yet known: nothing to rate
            }

            deal = new OpenOpportunity { OpportunityId = opportunityId, Currency = state.Currency };
            db.OpenOpportunities.Add(deal);
        }

        if (customerKnown)
        {
            // Otherwise the customer was merged away, and the merge has moved the deal to the one it was merged into.
            deal.CustomerId = customerId;
        }

        (deal.Amount, deal.Currency, deal.Probability, deal.IsClosed, deal.AsOf, deal.UpdatedAt) =
            (state.Amount, state.Currency, state.Probability, state.IsClosed, asOf, clock.GetUtcNow());
        await recalculator.SaveAndRevalueAsync(deal.CustomerId, cancellationToken);
    }

    private async Task SetScoreAsync(Guid customerId, int score, DateTimeOffset scoredAt, CancellationToken cancellationToken)
    {
        await db.LockOrderingKeysAsync([customerId.ToString()], cancellationToken);
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
        else if (stored.ScoredAt > scoredAt)
        {
            return;   // a later score came first
        }

        (stored.Score, stored.ScoredAt, stored.UpdatedAt) = (score, scoredAt, clock.GetUtcNow());
        await recalculator.SaveAndRevalueAsync(customerId, cancellationToken);
    }

    private sealed record DealState(decimal Amount, string Currency, int Probability, bool IsClosed);
}

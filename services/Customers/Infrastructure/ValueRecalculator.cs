using Crm.BuildingBlocks.Messaging;
using Crm.Contracts.Customers;
using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// Keeps <see cref="CustomerValue"/> true: whatever changes a customer's inputs (a purchase, a complaint, an
/// interaction, a new region) revalues the customer in the same transaction, and every change of value, tier or
/// lifecycle is published through the outbox.
/// </summary>
public sealed class ValueRecalculator(CustomersDbContext db, TimeProvider clock)
{
    private static readonly string[] NoReasons = [];

    /// <summary>Saves the pending changes and revalues the given customers, all in one transaction.</summary>
    public async Task SaveAndRevalueAsync(Guid customerId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await RevalueAsync([customerId], rules: null, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RevalueAsync([customerId], rules: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Revalues customers inside the caller's transaction and saves. Their rows are locked first, so two changes to one
    /// customer are valued one after the other and the later one sees both; that is why the inputs are read only after
    /// the lock, and why the caller saves its own change before calling. The customers' event locks come before the row
    /// locks, the order every save with events takes them in: the other way round, an erase (event lock, then its row
    /// update) and a revaluation of the same customer deadlocked, and the erase answered 500.
    /// </summary>
    /// <returns>How many customers' values changed.</returns>
    public async Task<int> RevalueAsync(IReadOnlyCollection<Guid> customerIds, ValueRules? rules, CancellationToken cancellationToken)
    {
        var ids = customerIds.Distinct().Order().ToArray();
        await db.LockOrderingKeysAsync(ids.Select(id => id.ToString()), cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM customers WHERE id = ANY({ids}) ORDER BY id FOR NO KEY UPDATE", cancellationToken);
        rules ??= await LoadRulesAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var yearAgo = now.AddYears(-1);

        var customers = await db.Customers.Include(customer => customer.Value).Where(customer => ids.Contains(customer.Id))
            .ToListAsync(cancellationToken);
        var purchases = (await db.Purchases.Where(purchase => ids.Contains(purchase.CustomerId))
                .GroupBy(purchase => new { purchase.CustomerId, purchase.Currency })
                .Select(group => new
                {
                    group.Key.CustomerId, group.Key.Currency, Count = group.Count(), Amount = group.Sum(p => p.Amount),
                    First = group.Min(p => p.PurchasedAt), Last = group.Max(p => p.PurchasedAt),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(row => row.CustomerId, row => new PurchaseTotals(row.Currency, row.Count, row.Amount, row.First, row.Last));
        var openComplaints = await db.Feedback
            .Where(f => ids.Contains(f.CustomerId) && f.Kind == FeedbackKind.Complaint && f.Status == FeedbackStatus.Open)
            .GroupBy(f => f.CustomerId).Select(group => new { group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.Key, row => row.Count, cancellationToken);
        var ratings = await db.Feedback.Where(f => ids.Contains(f.CustomerId) && f.Rating != null && f.ReceivedAt >= yearAgo)
            .GroupBy(f => f.CustomerId).Select(group => new { group.Key, Average = group.Average(f => (double)f.Rating!.Value) })
            .ToDictionaryAsync(row => row.Key, row => row.Average, cancellationToken);
        var lastInteractions = await db.Interactions.Where(i => ids.Contains(i.CustomerId))
            .GroupBy(i => i.CustomerId).Select(group => new { group.Key, Last = group.Max(i => i.OccurredAt) })
            .ToDictionaryAsync(row => row.Key, row => row.Last, cancellationToken);
        var openPipeline = (await db.OpenOpportunities.Where(o => ids.Contains(o.CustomerId) && !o.IsClosed).ToListAsync(cancellationToken))
            .ToLookup(o => o.CustomerId, o => new OpenDeal(o.Amount, o.Currency, o.Probability));
        var leadScores = await db.LeadScores.Where(s => ids.Contains(s.CustomerId))
            .ToDictionaryAsync(s => s.CustomerId, s => s.Score, cancellationToken);

        var changed = 0;
        foreach (var customer in customers)
        {
            var input = new ValuationInput(
                [.. purchases[customer.Id]], openComplaints.GetValueOrDefault(customer.Id),
                ratings.TryGetValue(customer.Id, out var rating) ? rating : null,
                lastInteractions.TryGetValue(customer.Id, out var lastInteraction) ? lastInteraction : null,
                customer.CreatedAt, customer.Source, customer.Industry, customer.Region,
                [.. openPipeline[customer.Id]], leadScores.TryGetValue(customer.Id, out var score) ? score : null);
            if (Apply(customer, CustomerValuation.Compute(input, rules, now), rules, now))
            {
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Values a customer that is being created, without reading anything: it has no purchases, feedback, interactions,
    /// deals or lead score yet, so its own fields are all the input. Sets <see cref="Customer.Value"/> for the caller to
    /// store and, like <see cref="RevalueAsync"/>, queues the events and timeline entries when the rules value it other than
    /// the initial General prospect; save them after the customer is written.
    /// </summary>
    public void ValueNew(Customer customer, ValueRules rules)
    {
        var now = clock.GetUtcNow();
        var input = new ValuationInput([], 0, null, null, customer.CreatedAt, customer.Source, customer.Industry, customer.Region);
        Apply(customer, CustomerValuation.Compute(input, rules, now), rules, now);
    }

    public static async Task<ValueRules> LoadRulesAsync(CustomersDbContext db, CancellationToken cancellationToken) =>
        await db.ValueRules.AsNoTracking().Where(record => record.Id == ValueRulesRecord.SingletonId)
            .Select(record => record.Rules).FirstOrDefaultAsync(cancellationToken) ?? ValueRules.Default;

    private bool Apply(Customer customer, Valuation valuation, ValueRules rules, DateTimeOffset now)
    {
        var stored = customer.Value?.ToValuation();
        customer.Value ??= new CustomerValue { CustomerId = customer.Id, CustomerCreatedAt = customer.CreatedAt };
        // Every customer starts as a General prospect in the lowest grade; consumers assume that, so only a change from
        // it is news. This keeps an import of a hundred thousand prospects from publishing three value events per row.
        var before = stored ?? Valuation.Initial(rules);
        if (before.Grade.Length == 0)
        {
            // Valued before ratings existed: the first rating is not a change anybody needs to hear of.
            before = before with { RatingBasis = valuation.RatingBasis, RatedValue = valuation.RatedValue, Grade = valuation.Grade };
        }

        if (Same(before, valuation))
        {
            customer.Value.Set(valuation, stored is null ? now : customer.Value.ComputedAt);
            return stored is null;
        }

        customer.Value.Set(valuation, now);
        var key = customer.Id.ToString();
        db.AddIntegrationEvent(new CustomerValueChanged(
            customer.Id, valuation.Recency, valuation.Frequency, valuation.Monetary, valuation.TotalSpend, valuation.LifetimeValue,
            valuation.PurchaseCount, valuation.LastPurchaseAt, valuation.Tier.ToString(), valuation.Lifecycle.ToString(),
            valuation.Activity.ToString(), valuation.ChurnRisk, now), key);
        if (before.Tier != valuation.Tier)
        {
            db.AddIntegrationEvent(new CustomerTierChanged(customer.Id, valuation.Tier.ToString(), stored?.Tier.ToString(), now), key);
            db.AddTimelineEntry(customer.Id, now, "customer.tier-changed", $"Tier changed from {before.Tier} to {valuation.Tier}",
                new { before = before.Tier.ToString(), after = valuation.Tier.ToString() });
        }

        if (before.Grade != valuation.Grade)
        {
            var grade = rules.RatingOrDefault.GradeFor(valuation.RatedValue);
            db.AddIntegrationEvent(new CustomerRatingChanged(
                customer.Id, valuation.Grade, stored is null ? null : before.Grade, valuation.RatingBasis.ToString(), valuation.RatedValue,
                grade.Terms.CreditLimit, rules.Currency, grade.Terms.PaymentDays, grade.Terms.ServicePriority, now), key);
            db.AddTimelineEntry(customer.Id, now, "customer.rating-changed", $"Rating changed from {before.Grade} to {valuation.Grade}",
                new { before = before.Grade, after = valuation.Grade, basis = valuation.RatingBasis.ToString(), valuation.RatedValue, grade.Terms });
        }

        if (before.Lifecycle != valuation.Lifecycle)
        {
            db.AddIntegrationEvent(new CustomerLifecycleChanged(customer.Id, valuation.Lifecycle.ToString(), stored?.Lifecycle.ToString(), now), key);
            db.AddTimelineEntry(customer.Id, now, "customer.lifecycle-changed", $"Lifecycle stage changed from {before.Lifecycle} to {valuation.Lifecycle}",
                new { before = before.Lifecycle.ToString(), after = valuation.Lifecycle.ToString(), valuation.ChurnRisk, valuation.ChurnReasons });
        }

        return true;
    }

    private static bool Same(Valuation a, Valuation b) =>
        a with { ChurnReasons = NoReasons } == b with { ChurnReasons = NoReasons } && a.ChurnReasons.SequenceEqual(b.ChurnReasons);
}

using System.Linq.Expressions;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model.Valuation;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>What customers are worth: one customer's value, the figures for dashboards, and who is about to leave.</summary>
public static class CustomerInsightsApi
{
    public static IEndpointRouteBuilder MapCustomerInsightsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{CustomersApi.Prefix}/{{id:guid}}/value", GetValue).WithTags("Customer value").RequireRoles(CrmRoles.All)
            .WithSummary("RFM scores, spend, lifetime value, tier, lifecycle stage, activity and churn risk with its reasons.");
        var insights = app.MapGroup($"{CustomersApi.Prefix}/insights").WithTags("Customer insights").RequireRoles(CrmRoles.All);
        insights.MapGet("/summary", GetSummary).WithSummary("Customers and their value by tier, lifecycle stage, region and source.");
        insights.MapGet("/churn-warnings", GetChurnWarnings).WithValidation<ChurnWarningsQuery>()
            .WithSummary("The customers most likely to leave, riskiest first, with the reasons.");
        return app;
    }

    public static async Task<Results<Ok<CustomerValueResponse>, NotFound>> GetValue(
        Guid id, CustomersDbContext db, ValueRecalculator recalculator, CancellationToken cancellationToken)
    {
        var value = await db.CustomerValues.AsNoTracking().FirstOrDefaultAsync(v => v.CustomerId == id, cancellationToken);
        if (value is null)
        {
            if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
            {
                return TypedResults.NotFound();
            }

            // Only a customer from before values existed, and the first sweep has not reached it yet.
            await recalculator.SaveAndRevalueAsync(id, cancellationToken);
            value = await db.CustomerValues.AsNoTracking().SingleAsync(v => v.CustomerId == id, cancellationToken);
        }

        var rules = await ValueRecalculator.LoadRulesAsync(db, cancellationToken);
        return TypedResults.Ok(CustomerValueResponse.From(value, rules));
    }

    public static async Task<Ok<ValueSummaryResponse>> GetSummary(CustomersDbContext db, CancellationToken cancellationToken)
    {
        var rules = await ValueRecalculator.LoadRulesAsync(db, cancellationToken);
        var rows = db.CustomerValues.AsNoTracking().Join(db.Customers, value => value.CustomerId, customer => customer.Id,
            (value, customer) => new ValuedCustomer
            {
                Tier = value.Tier, Lifecycle = value.Lifecycle, Region = customer.Region, Source = customer.Source,
                TotalSpend = value.TotalSpend, LifetimeValue = value.LifetimeValue,
            });
        return TypedResults.Ok(new ValueSummaryResponse(
            rules.Currency,
            await GroupAsync(rows, row => row.Tier, cancellationToken),
            await GroupAsync(rows, row => row.Lifecycle, cancellationToken),
            await GroupAsync(rows, row => row.Region, cancellationToken),
            await GroupAsync(rows, row => row.Source, cancellationToken)));
    }

    public static async Task<Ok<List<ChurnWarning>>> GetChurnWarnings(
        [AsParameters] ChurnWarningsQuery query, CustomersDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Customers.AsNoTracking()
            .Where(c => c.Value != null && c.Value.ChurnRisk >= (query.MinRisk ?? 1) && c.ErasedAt == null
                && c.Value.Lifecycle != LifecycleStage.Churned && c.Value.Lifecycle != LifecycleStage.Prospect)
            .OrderByDescending(c => c.Value!.ChurnRisk).ThenByDescending(c => c.Value!.LifetimeValue).ThenBy(c => c.Id)
            .Take(query.Top ?? 20)
            .Select(c => new ChurnWarning(c.Id, c.Name, c.OwnerId, c.Value!.ChurnRisk, c.Value.ChurnReasons, c.Value.Tier, c.Value.Lifecycle,
                c.Value.LastPurchaseAt, c.Value.LifetimeValue))
            .ToListAsync(cancellationToken));

    private static async Task<List<ValueGroup>> GroupAsync<TKey>(
        IQueryable<ValuedCustomer> rows, Expression<Func<ValuedCustomer, TKey>> key, CancellationToken cancellationToken) =>
        [.. (await rows.GroupBy(key)
                .Select(group => new { group.Key, Count = group.Count(), Spend = group.Sum(row => row.TotalSpend), Lifetime = group.Sum(row => row.LifetimeValue) })
                .ToListAsync(cancellationToken))
            .Select(group => new ValueGroup(group.Key?.ToString() ?? "", group.Count, group.Spend, group.Lifetime))
            .OrderByDescending(group => group.Customers).ThenBy(group => group.Key, StringComparer.Ordinal)];

    // Initialised through properties, not a constructor, so EF can group by its members in SQL.
    private sealed class ValuedCustomer
    {
        public ValueTier Tier { get; init; }
        public LifecycleStage Lifecycle { get; init; }
        public string? Region { get; init; }
        public string? Source { get; init; }
        public decimal TotalSpend { get; init; }
        public decimal LifetimeValue { get; init; }
    }
}

/// <param name="Top">How many, 1–100 (default 20).</param>
/// <param name="MinRisk">Only customers at least this risky, 1–100 (default 1).</param>
public sealed record ChurnWarningsQuery(int? Top, int? MinRisk);

public sealed class ChurnWarningsQueryValidator : AbstractValidator<ChurnWarningsQuery>
{
    public ChurnWarningsQueryValidator()
    {
        RuleFor(query => query.Top).InclusiveBetween(1, 100);
        RuleFor(query => query.MinRisk).InclusiveBetween(1, 100);
    }
}

/// <param name="Key">The tier, stage, region or source ("" when the customer has none).</param>
public sealed record ValueGroup(string Key, int Customers, decimal TotalSpend, decimal LifetimeValue);

public sealed record ValueSummaryResponse(
    string Currency, IReadOnlyList<ValueGroup> ByTier, IReadOnlyList<ValueGroup> ByLifecycle, IReadOnlyList<ValueGroup> ByRegion,
    IReadOnlyList<ValueGroup> BySource);

public sealed record ChurnWarning(
    Guid CustomerId, string Name, Guid? OwnerId, int ChurnRisk, IReadOnlyList<string> Reasons, ValueTier Tier, LifecycleStage Lifecycle,
    DateTimeOffset? LastPurchaseAt, decimal LifetimeValue);

using Crm.Customers.Infrastructure;
using Crm.Customers.Model.Valuation;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>The rules that turn purchases, complaints and contact into tiers and lifecycle stages; administrators own them.</summary>
public static class ValueRulesApi
{
    public static IEndpointRouteBuilder MapValueRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup($"{CustomersApi.Prefix}/value-rules").WithTags("Customer value");
        rules.MapGet("/", GetRules).RequireRoles(CrmRoles.All).WithSummary("The value rules in force, with their ETag.");
        rules.MapPut("/", ReplaceRules).WithValidation<ValueRules>().RequireRoles(CrmRoles.Administrator)
            .WithSummary("Replaces the value rules (If-Match required) and revalues every customer in the background.");

        var sweep = app.MapGroup($"{CustomersApi.Prefix}/value-sweep").WithTags("Customer value").RequireRoles(CrmRoles.Administrator);
        sweep.MapGet("/", GetSweep).WithSummary("Progress of the current or last revaluation of every customer.");
        sweep.MapPost("/", RequestSweep).WithSummary("Revalues every customer now, instead of waiting for the night.");
        return app;
    }

    public static async Task<Ok<ValueRules>> GetRules(CustomersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var record = await db.ValueRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ValueRulesRecord.SingletonId, cancellationToken);
        http.Response.Headers.ETag = ETags.From(record?.Version ?? 0);
        return TypedResults.Ok(record?.Rules ?? ValueRules.Default);
    }

    public static async Task<Results<Ok<ValueRules>, ProblemHttpResult>> ReplaceRules(
        ValueRules request, CurrentUser caller, CustomersDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var now = clock.GetUtcNow();
        var record = await db.ValueRules.FirstOrDefaultAsync(r => r.Id == ValueRulesRecord.SingletonId, cancellationToken);
        if ((record?.Version ?? 0) != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var rules = request with { ExchangeRates = request.ExchangeRates.ToDictionary(rate => rate.Key.ToUpperInvariant(), rate => rate.Value) };
        if (record is null)
        {
            record = new ValueRulesRecord { Rules = rules };
            db.ValueRules.Add(record);
        }
        else
        {
            record.Rules = rules;
            db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion;
        }

        (record.UpdatedAt, record.UpdatedBy) = (now, caller.Subject);
        var sweep = await db.ValueSweeps.SingleAsync(s => s.Id == ValueSweep.SingletonId, cancellationToken);
        ValueSweepWorker.Request(sweep, now, "value rules changed");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateConcurrencyException or DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            return Preconditions.Stale();   // another administrator saved first
        }

        http.Response.Headers.ETag = ETags.From(record.Version);
        return TypedResults.Ok(record.Rules);
    }

    public static async Task<Ok<ValueSweepResponse>> GetSweep(CustomersDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ValueSweepResponse.From(await db.ValueSweeps.AsNoTracking().SingleAsync(s => s.Id == ValueSweep.SingletonId, cancellationToken)));

    public static async Task<Accepted<ValueSweepResponse>> RequestSweep(CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sweep = await db.ValueSweeps.SingleAsync(s => s.Id == ValueSweep.SingletonId, cancellationToken);
        if (!sweep.IsDue)
        {
            ValueSweepWorker.Request(sweep, clock.GetUtcNow(), "requested by an administrator");
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted($"{CustomersApi.Prefix}/value-sweep", ValueSweepResponse.From(sweep));
    }
}

public sealed record ValueSweepResponse(
    bool Running, string? Reason, DateTimeOffset? RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, long Processed, long Changed)
{
    public static ValueSweepResponse From(ValueSweep sweep) =>
        new(sweep.IsDue, sweep.Reason, sweep.RequestedAt, sweep.StartedAt, sweep.CompletedAt, sweep.Processed, sweep.Changed);
}

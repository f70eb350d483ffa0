using System.Globalization;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Sales.Apis;

/// <summary>Quotas per rep and month, and each rep's results against them. Managers see and set their own team's.</summary>
public static class TeamPerformanceApi
{
    public static RouteGroupBuilder MapTeamPerformanceApi(this RouteGroupBuilder sales)
    {
        sales.MapGet("/analysis/team-performance", TeamPerformance)
            .WithTags("Analysis")
            .WithValidation<AnalysisQuery>()
            .RequireRoles(CrmRoles.Administrator, CrmRoles.SalesManager)
            .WithSummary("Per rep of a team (a manager's own): won revenue, win rate, average deal size, completed activities, quota and attainment.");
        sales.MapGet("/quotas", ListQuotas)
            .WithTags("Analysis")
            .WithValidation<ListQuotasQuery>()
            .WithSummary("Quotas by month, rep and currency, filtered by rep, team and months (yyyy-MM); a rep sees their own, a manager the team's.");
        sales.MapPut("/quotas/{userId:guid}/{month}", SetQuota)
            .WithTags("Analysis")
            .WithValidation<QuotaRequest>()
            .RequireRoles(CrmRoles.Administrator, CrmRoles.SalesManager)
            .WithSummary("Sets a rep's won-revenue target for a month (yyyy-MM) in a currency; managers for their own team only.");
        return sales;
    }

    public static async Task<Ok<PagedResponse<QuotaResponse>>> ListQuotas(
        [AsParameters] ListQuotasQuery query, CurrentUser caller, SalesDbContext db, CancellationToken cancellationToken)
    {
        var quotas = db.VisibleQuotas(caller).AsNoTracking();
        if (query.UserId is { } userId)
        {
            quotas = quotas.Where(q => q.UserId == userId);
        }

        if (query.TeamId is { } teamId)
        {
            quotas = quotas.Where(q => db.Users.Any(user => user.Id == q.UserId && user.TeamId == teamId));
        }

        if (ListQuotasQuery.TryParseMonth(query.From, out var from))
        {
            quotas = quotas.Where(q => q.Month >= from);
        }

        if (ListQuotasQuery.TryParseMonth(query.To, out var to))
        {
            quotas = quotas.Where(q => q.Month <= to);
        }

        var total = await quotas.LongCountAsync(cancellationToken);
        var page = await quotas.OrderBy(q => q.Month).ThenBy(q => q.UserId).ThenBy(q => q.Currency)
            .Skip(query.SkipOf()).Take(query.PageSizeOf()).ToListAsync(cancellationToken);
        return TypedResults.Ok(PagedResponse<QuotaResponse>.Of([.. page.Select(QuotaResponse.From)], query, total));
    }

    public static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> SetQuota(
        Guid userId, string month, QuotaRequest request, CurrentUser caller, SalesDbContext db, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return SalesProblems.Invalid("month", "'month' is a month such as 2027-03.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.Roles.Any(role => CrmRoles.Sales.Contains(role)))
        {
            return SalesProblems.Invalid("userId", $"There is no sales user {userId}.");
        }

        if (!caller.IsInRole(CrmRoles.Administrator) && (caller.TeamId is null || user.TeamId != caller.TeamId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not set this quota.",
                detail: "A sales manager sets quotas for members of their own team.");
        }

        var quota = await db.Quotas.FirstOrDefaultAsync(q => q.UserId == userId && q.Month == first && q.Currency == request.Currency, cancellationToken);
        if (quota is null)
        {
            quota = db.Quotas.Add(new Quota { UserId = userId, Month = first, Currency = request.Currency! }).Entity;
        }

        quota.Amount = request.Amount!.Value;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SalesProblems.Conflict("The quota was set meanwhile.", "Another request set this quota at the same moment; read it and try again.");
        }
        return TypedResults.Ok(QuotaResponse.From(quota));
    }

    public static async Task<Results<Ok<TeamPerformanceResponse>, ProblemHttpResult>> TeamPerformance(
        [AsParameters] AnalysisQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (from, to, start, end) = query.Range(clock);
        var teamId = query.TeamId;
        if (!caller.IsInRole(CrmRoles.Administrator))
        {
            if (caller.TeamId is null || (teamId is not null && teamId != caller.TeamId))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team.",
                    detail: "A sales manager sees the performance of their own team.");
            }

            teamId = caller.TeamId;
        }

        var reps = await db.Users.AsNoTracking()
            .Where(user => (teamId == null || user.TeamId == teamId) && (query.OwnerId == null || user.Id == query.OwnerId) &&
                           user.Roles.Contains(CrmRoles.SalesRep))
            .OrderBy(user => user.DisplayName).ThenBy(user => user.Id)
            .Select(user => new { user.Id, user.DisplayName })
            .ToListAsync(cancellationToken);
        var repIds = reps.Select(rep => rep.Id).ToList();
        var closed = await AnalysisApi.ClosedDeals(db.Opportunities.Where(o => repIds.Contains(o.OwnerId)), start, end).ToListAsync(cancellationToken);
        var activities = await db.Tasks.Where(t => repIds.Contains(t.AssigneeId) && t.Status == SalesTaskStatus.Done &&
                                                  t.CompletedAt >= start && t.CompletedAt < end)
            .GroupBy(t => t.AssigneeId).Select(g => new { AssigneeId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AssigneeId, g => g.Count, cancellationToken);
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var quotas = await db.Quotas.AsNoTracking().Where(q => repIds.Contains(q.UserId) && q.Month >= firstMonth && q.Month <= to)
            .ToListAsync(cancellationToken);

        var rows = reps.Select(rep =>
        {
            var deals = closed.Where(deal => deal.OwnerId == rep.Id).ToList();
            var won = deals.Where(deal => deal.Won).ToList();
            var revenue = AnalysisApi.Totals(won, deal => deal.Currency, deal => deal.Amount);
            var averages = won.GroupBy(deal => deal.Currency).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new MoneyTotal(group.Key, Ratios.Average(group.Sum(deal => deal.Amount), group.Count())!.Value)).ToList();
            var quota = AnalysisApi.Totals(quotas.Where(q => q.UserId == rep.Id), q => q.Currency, q => q.Amount);
            var attainment = quota.Where(target => target.Amount > 0)
                .Select(target => new MoneyTotal(target.Currency,
                    Math.Round(revenue.Where(r => r.Currency == target.Currency).Sum(r => r.Amount) / target.Amount, 4, MidpointRounding.AwayFromZero)))
                .ToList();
            return new RepPerformance(rep.Id, rep.DisplayName, won.Count, deals.Count - won.Count, Ratios.Rate(won.Count, deals.Count),
                revenue, averages, activities.GetValueOrDefault(rep.Id), quota, attainment);
        }).ToList();
        return TypedResults.Ok(new TeamPerformanceResponse(from, to, rows));
    }
}

/// <param name="Amount">The month's won-revenue target, ≥ 0.</param>
public sealed record QuotaRequest(string? Currency, decimal? Amount);

public sealed class QuotaRequestValidator : AbstractValidator<QuotaRequest>
{
    public QuotaRequestValidator()
    {
        RuleFor(request => request.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("'currency' is a three-letter ISO 4217 code such as EUR.");
        RuleFor(request => request.Amount).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(19, 4, ignoreTrailingZeros: true);
    }
}

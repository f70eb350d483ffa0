using System.Linq.Expressions;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;

namespace Crm.Sales.Apis;

/// <summary>
/// Record ownership (OWASP API1, broken object-level authorisation), one rule for deals, leads, tasks and quotas: a rep works
/// on the records they own, a sales manager also on those of their team (the token's team, members from the user
/// directory copy), an administrator on all; an integration client (no user id) owns nothing. Every read and write
/// starts from one of these queries, so a record outside it is a 404, never a 403 that would confirm it exists.
/// </summary>
public static class SalesScope
{
    public static IQueryable<Opportunity> VisibleOpportunities(this SalesDbContext db, CurrentUser caller) =>
        db.Opportunities.OwnedWithin(db, caller, opportunity => opportunity.OwnerId);

    /// <summary>The board's totals of the deals the caller may see: summed per owner, so the same rule applies.</summary>
    public static IQueryable<OpportunityStageTotal> VisibleStageTotals(this SalesDbContext db, CurrentUser caller) =>
        db.OpportunityStageTotals.OwnedWithin(db, caller, total => total.OwnerId);

    /// <summary>The forecast's totals of the deals the caller may see: summed per owner, so the same rule applies.</summary>
    public static IQueryable<OpportunityMonthTotal> VisibleMonthTotals(this SalesDbContext db, CurrentUser caller) =>
        db.OpportunityMonthTotals.OwnedWithin(db, caller, total => total.OwnerId);

    /// <summary>A manager also sees the unassigned leads, to hand them out.</summary>
    public static IQueryable<Lead> VisibleLeads(this SalesDbContext db, CurrentUser caller) =>
        db.Leads.OwnedWithin(db, caller, lead => lead.OwnerId, managersSeeUnassigned: true);

    /// <summary>A task belongs to its assignee.</summary>
    public static IQueryable<SalesTask> VisibleTasks(this SalesDbContext db, CurrentUser caller) =>
        db.Tasks.OwnedWithin(db, caller, task => task.AssigneeId);

    /// <summary>A rep reads their own quotas, a manager the team's; who may set them is decided where they are set.</summary>
    public static IQueryable<Quota> VisibleQuotas(this SalesDbContext db, CurrentUser caller) =>
        db.Quotas.OwnedWithin(db, caller, quota => quota.UserId);

    private static IQueryable<T> OwnedWithin<T>(this IQueryable<T> records, SalesDbContext db, CurrentUser caller,
        Expression<Func<T, Guid?>> ownerOf, bool managersSeeUnassigned = false)
    {
        if (caller.IsInRole(CrmRoles.Administrator))
        {
            return records;
        }

        if (caller.UserId is not { } me)
        {
            return records.Where(_ => false);
        }

        Expression<Func<Guid?, bool>> visible = owner => owner == me;
        if (caller.IsInRole(CrmRoles.SalesManager))
        {
            var team = caller.TeamId;
            visible = (team, managersSeeUnassigned) switch
            {
                (null, false) => visible,
                (null, true) => owner => owner == me || owner == null,
                (_, false) => owner => owner == me || db.Users.Any(user => user.Id == owner && user.TeamId == team),
                (_, true) => owner => owner == me || owner == null || db.Users.Any(user => user.Id == owner && user.TeamId == team),
            };
        }

        return records.Where(Expression.Lambda<Func<T, bool>>(
            new ParameterReplacer(visible.Parameters[0], ownerOf.Body).Visit(visible.Body), ownerOf.Parameters));
    }

    /// <summary>Puts the record's owner expression where the rule names the owner, so the rule is written once.</summary>
    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Infrastructure;

/// <summary>
/// Picks the owner of a new lead by the administrator's rules. Must run inside the transaction that saves the lead:
/// a team rule's turn is read and advanced under a row lock, so two replicas assigning at once give consecutive reps
/// and never the same turn twice.
/// </summary>
public static class LeadAssignment
{
    public static async Task<Guid?> AssignOwnerAsync(this SalesDbContext db, string? region, string? source, CancellationToken cancellationToken)
    {
        var rules = await db.LeadAssignmentRules.AsNoTracking().OrderBy(rule => rule.Position).ThenBy(rule => rule.Id).ToListAsync(cancellationToken);
        foreach (var rule in rules.Where(rule => LeadAssignmentChoice.Matches(rule, region, source)))
        {
            if (rule.UserId is { } userId)
            {
                if (await ActiveReps(db).AnyAsync(user => user.Id == userId, cancellationToken))
                {
                    return userId;
                }

                continue;
            }

            // xmin (the rule's ETag) is a system column, which * leaves out.
            var locked = await db.LeadAssignmentRules
                .FromSql($"SELECT *, xmin FROM lead_assignment_rules WHERE id = {rule.Id} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (locked is null)
            {
                continue;
            }

            var candidates = await ActiveReps(db).Where(user => user.TeamId == locked.TeamId).Select(user => user.Id).ToListAsync(cancellationToken);
            if (LeadAssignmentChoice.NextInTurn(candidates, locked.LastAssignedUserId) is { } next)
            {
                locked.LastAssignedUserId = next;
                return next;
            }
        }

        return null;
    }

    /// <summary>Who may be given a lead: active users of the directory copy with the sales rep role.</summary>
    private static IQueryable<User> ActiveReps(SalesDbContext db) =>
        db.Users.Where(user => user.IsActive && user.Roles.Contains(CrmRoles.SalesRep));
}

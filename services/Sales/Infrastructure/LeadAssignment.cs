using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Infrastructure;

/// <summary>
/// Picks the owner of a new lead by the administrator's rules. Must run inside the transaction that saves the lead:
/// a team rule's turn (its own row, apart from the rule) is read and advanced under a row lock, so two replicas
/// assigning at once give consecutive reps and never the same turn twice.
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

            // FOR KEY SHARE keeps the rule from being removed meanwhile without blocking an administrator's edit of it.
            var team = await db.LeadAssignmentRules
                .FromSql($"SELECT *, xmin FROM lead_assignment_rules WHERE id = {rule.Id} FOR KEY SHARE")
                .Select(locked => locked.TeamId)
                .SingleOrDefaultAsync(cancellationToken);
            if (team is null)
            {
                continue;
            }

            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO lead_assignment_turns (rule_id) VALUES ({rule.Id}) ON CONFLICT (rule_id) DO NOTHING", cancellationToken);
            var turn = await db.LeadAssignmentTurns
                .FromSql($"SELECT * FROM lead_assignment_turns WHERE rule_id = {rule.Id} FOR UPDATE")
                .SingleAsync(cancellationToken);
            var candidates = await ActiveReps(db).Where(user => user.TeamId == team).Select(user => user.Id).ToListAsync(cancellationToken);
            if (LeadAssignmentChoice.NextInTurn(candidates, turn.LastAssignedUserId) is { } next)
            {
                turn.LastAssignedUserId = next;
                return next;
            }
        }

        return null;
    }

    /// <summary>Who may be given a lead: active users of the directory copy with the sales rep role.</summary>
    private static IQueryable<User> ActiveReps(SalesDbContext db) =>
        db.Users.Where(user => user.IsActive && user.Roles.Contains(CrmRoles.SalesRep));
}

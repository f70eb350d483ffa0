using Crm.ServiceDefaults.Authentication;
using Crm.Support.Apis;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Infrastructure;

/// <summary>Applies the administrator's assignment rule of a new ticket's category.</summary>
public sealed class AutoAssigner(SupportDbContext db)
{
    /// <summary>
    /// The rule's team and the agent its strategy picks among the team's active agents (none when it has none), or
    /// null without a rule. The rule row stays locked until the caller's transaction ends, so concurrent tickets take
    /// turns instead of landing on the same agent.
    /// </summary>
    public async Task<TicketAssignment?> AssignAsync(string category, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rules are applied inside the transaction that saves the ticket.");
        }

        var rules = await db.AssignmentRules.FromSql($"SELECT *, xmin FROM assignment_rules WHERE category = {category} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (rules.SingleOrDefault() is not { } rule)
        {
            return null;
        }

        var team = rule.TeamId;
        var agents = await db.Users.AsNoTracking()
            .Where(user => user.TeamId == team && user.IsActive && user.Roles.Contains(CrmRoles.SupportAgent))
            .Select(user => user.Id)
            .ToListAsync(cancellationToken);
        var open = await db.Tickets.AsNoTracking()
            .Where(ticket => ticket.AssigneeId != null && agents.Contains(ticket.AssigneeId.Value) &&
                (ticket.Status == TicketStatus.New || ticket.Status == TicketStatus.Open || ticket.Status == TicketStatus.Pending))
            .GroupBy(ticket => ticket.AssigneeId!.Value)
            .Select(group => new { AgentId = group.Key, Count = group.Count() })
            .ToDictionaryAsync(row => row.AgentId, row => row.Count, cancellationToken);

        var picked = AgentPicker.Pick(rule.Strategy, [.. agents.Select(agent => (agent, open.GetValueOrDefault(agent)))], rule.LastAssigneeId);
        if (picked is not null)
        {
            rule.LastAssigneeId = picked;
            rule.UpdatedAt = now;
        }

        return new TicketAssignment(team, picked);
    }
}

using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;

namespace Crm.Sales.Apis;

/// <summary>
/// Record ownership for leads, as for deals (<see cref="OpportunityAccess"/>): a rep sees the leads they own, a sales
/// manager also the team's and the unassigned ones (to hand them out), an administrator all. Outside that set a lead is a 404.
/// </summary>
public static class LeadAccess
{
    public static IQueryable<Lead> VisibleLeads(this SalesDbContext db, CurrentUser caller)
    {
        if (caller.IsInRole(CrmRoles.Administrator))
        {
            return db.Leads;
        }

        if (caller.UserId is not { } me)
        {
            return db.Leads.Where(_ => false);
        }

        if (caller.IsInRole(CrmRoles.SalesManager))
        {
            var team = caller.TeamId;
            return db.Leads.Where(lead => lead.OwnerId == null || lead.OwnerId == me ||
                (team != null && db.Users.Any(user => user.Id == lead.OwnerId && user.TeamId == team)));
        }

        return db.Leads.Where(lead => lead.OwnerId == me);
    }
}

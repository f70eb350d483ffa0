using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;

namespace Crm.Sales.Apis;

/// <summary>Tasks are scoped by assignee as deals are by owner: a rep's own, a manager's team's, all for administrators.</summary>
public static class TaskAccess
{
    public static IQueryable<SalesTask> VisibleTasks(this SalesDbContext db, CurrentUser caller)
    {
        if (caller.IsInRole(CrmRoles.Administrator))
        {
            return db.Tasks;
        }

        if (caller.UserId is not { } me)
        {
            return db.Tasks.Where(_ => false);
        }

        if (caller.IsInRole(CrmRoles.SalesManager) && caller.TeamId is { } team)
        {
            return db.Tasks.Where(task => task.AssigneeId == me || db.Users.Any(user => user.Id == task.AssigneeId && user.TeamId == team));
        }

        return db.Tasks.Where(task => task.AssigneeId == me);
    }
}

using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Who may own a deal and which customer it may name; which deals a caller sees is <see cref="SalesScope"/>.</summary>
public static class OpportunityAccess
{
    /// <summary>
    /// Null when the caller may make <paramref name="ownerId"/> the owner, else the problem to answer: a rep keeps
    /// only themselves (403), a manager assigns within the team (403 otherwise), and the new owner must be an active
    /// user with a sales role (400).
    /// </summary>
    public static async Task<ProblemHttpResult?> CheckNewOwnerAsync(
        this SalesDbContext db, CurrentUser caller, Guid ownerId, CancellationToken cancellationToken)
    {
        if (ownerId == caller.UserId)
        {
            return null;
        }

        var isAdministrator = caller.IsInRole(CrmRoles.Administrator);
        if (!isAdministrator && !caller.IsInRole(CrmRoles.SalesManager))
        {
            return SalesProblems.MayNotAssignOwner("Only administrators and sales managers hand opportunities to other users.");
        }

        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(user => user.Id == ownerId, cancellationToken);
        if (owner is null || !owner.IsActive || !owner.Roles.Any(role => CrmRoles.Sales.Contains(role)))
        {
            return SalesProblems.Invalid("ownerId", $"There is no active sales user {ownerId}.");
        }

        if (!isAdministrator && (caller.TeamId is null || owner.TeamId != caller.TeamId))
        {
            return SalesProblems.MayNotAssignOwner("A sales manager hands opportunities only to members of their own team.");
        }

        return null;
    }

    /// <summary>The deal's customer must be in this service's copy of customers (and not deleted).</summary>
    public static async Task<ProblemHttpResult?> CheckCustomerAsync(this SalesDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(customer => customer.Id == customerId && !customer.IsDeleted, cancellationToken)
            ? null
            : SalesProblems.Invalid("customerId", $"There is no customer {customerId}.");
}

using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

public static class TicketProblems
{
    /// <summary>OWASP API3 (mass assignment): assignee and team are protected fields only some roles may set.</summary>
    public static ProblemHttpResult MayNotReassign(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not reassign the ticket.", detail: detail);

    public static ProblemHttpResult CannotMove(TicketStatus from, TicketStatus to)
    {
        var allowed = TicketWorkflow.AllowedFrom(from).Select(status => status.ToString()).ToArray();
        var detail = allowed.Length == 0
            ? $"A {from} ticket is final; open a new ticket instead."
            : $"From {from} a ticket may go to: {string.Join(", ", allowed)}.";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"A ticket cannot go from {from} to {to}.",
            detail: detail, extensions: new Dictionary<string, object?> { ["allowed"] = allowed });
    }

    public static ProblemHttpResult Closed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The ticket is closed.",
            detail: "A closed ticket no longer changes; open a new ticket instead.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A contact must be a person support knows about (not deleted) who is either the customer itself or belongs to the
    /// customer's company; anyone else's person is refused, so a ticket never names a stranger.
    /// </summary>
    public static async Task<ValidationProblem?> CheckContactAsync(SupportDbContext db, Guid customerId, Guid? contactId, CancellationToken cancellationToken) =>
        contactId is not { } id || await db.Customers.AnyAsync(contact => contact.Id == id && !contact.IsDeleted && contact.Kind == "Person" &&
            (contact.Id == customerId || contact.CompanyId == customerId), cancellationToken)
            ? null
            : Invalid("contactId", $"There is no person {contactId} at customer {customerId}.");

    /// <summary>The customer must be one support knows about (its copy of the customer service's records) and not deleted.</summary>
    public static async Task<ValidationProblem?> CheckCustomerAsync(SupportDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(customer => customer.Id == customerId && !customer.IsDeleted, cancellationToken)
            ? null
            : Invalid("customerId", $"There is no customer {customerId}.");
}

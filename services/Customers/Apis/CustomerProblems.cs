using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

public static class CustomerProblems
{
    /// <summary>OWASP API3 (mass assignment): the owner is a protected field only some roles may set.</summary>
    public static ProblemHttpResult MayNotAssignOwner() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not change the owner.",
            detail: "Only administrators, sales managers and support leads assign customers to other users.");

    public static ProblemHttpResult PossibleDuplicates(IReadOnlyList<PossibleDuplicate> duplicates) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customer may already exist.",
            detail: $"{duplicates.Count} existing customer(s) match the duplicate rule. Use one of them, or send onDuplicate=allow to create it anyway.",
            extensions: new Dictionary<string, object?> { ["duplicates"] = duplicates });

    /// <summary>A contact's company must exist and be a company.</summary>
    public static async Task<ValidationProblem?> CheckCompanyAsync(CustomersDbContext db, Guid? companyId, Guid? selfId, CancellationToken cancellationToken)
    {
        if (companyId is not { } id)
        {
            return null;
        }

        var kind = await db.Customers.Where(c => c.Id == id).Select(c => (CustomerKind?)c.Kind).FirstOrDefaultAsync(cancellationToken);
        string? error = kind switch
        {
            null => $"There is no customer {id}.",
            not CustomerKind.Company => $"Customer {id} is a person, not a company.",
            _ when id == selfId => "A customer cannot be its own company.",
            _ => null,
        };
        return error is null ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["companyId"] = [error] });
    }
}

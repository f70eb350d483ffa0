using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Sales.Apis;

public static class SalesProblems
{
    /// <summary>OWASP API3 (mass assignment): the owner is a protected field only some roles may set.</summary>
    public static ProblemHttpResult MayNotAssignOwner(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not change the owner.", detail: detail);

    /// <summary>
    /// A 400 naming <paramref name="field"/>, shaped like the validation filter's, for rules that need the database
    /// (a customer that must exist, a reason the target stage asks for).
    /// </summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        });

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult WonIsFinal() =>
        Conflict("The opportunity is won.",
            "A won deal is final: the customer service has recorded the purchase. Open a new opportunity for further business.");
}

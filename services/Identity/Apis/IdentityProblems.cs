using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Crm.Identity.Apis;

public static class IdentityProblems
{
    /// <summary>ASP.NET Core Identity's refusals (weak password, taken e-mail) as a 400 naming the field.</summary>
    public static ValidationProblem From(IdentityResult result, string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [field] = [.. result.Errors.Select(error => error.Description)],
        });
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.ServiceDefaults.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a change must name the version it was based on (<c>If-Match</c>), so two people
/// editing the same record cannot silently overwrite each other.
/// </summary>
public static class Preconditions
{
    /// <summary>The version in <c>If-Match</c>, or the 428 problem to answer when there is none.</summary>
    public static bool TryGetIfMatch(HttpContext http, out uint version, out ProblemHttpResult problem)
    {
        problem = null!;
        if (ETags.TryParse(http.Request.Headers.IfMatch.ToString(), out version))
        {
            return true;
        }

        problem = TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match is required.",
            detail: "Send the ETag of the version you edited in the If-Match header, so a newer change is not overwritten.");
        return false;
    }

    public static ProblemHttpResult Stale() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The record changed since you read it.",
            detail: "Somebody else saved a newer version. Read it again (its ETag is in the response headers) and reapply your change.");
}

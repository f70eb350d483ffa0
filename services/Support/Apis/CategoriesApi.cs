using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Support.Apis;

/// <summary>Ticket categories: read by support staff (and marketers, who read tickets), changed by administrators only.</summary>
public static class CategoriesApi
{
    public const string Prefix = $"{SupportApi.Prefix}/categories";

    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Categories");
        api.MapGet("/", ListCategories).WithSummary("Every category, active and retired, by name.").RequireRoles(TicketRoles.Readers);
        api.MapGet("/{key}", GetCategory).WithSummary("One category; the ETag header carries its version.").RequireRoles(TicketRoles.Readers);
        api.MapPost("/", CreateCategory)
            .WithValidation<CategoryRequest>()
            .WithSummary("Creates a category with a key that never changes and a name (administrators only; 409 when the key exists).")
            .RequireRoles(CrmRoles.Administrator);
        api.MapPut("/{key}", UpdateCategory)
            .WithValidation<CategoryRequest>()
            .WithSummary("Renames or retires/reactivates a category (administrators only). Needs If-Match. Its tickets keep the key.")
            .RequireRoles(CrmRoles.Administrator);
        api.MapDelete("/{key}", DeleteCategory)
            .WithSummary("Deletes a category nothing refers to (administrators only); one in use is a 409: retire it instead.")
            .RequireRoles(CrmRoles.Administrator);
        return app;
    }

    public static async Task<Ok<List<CategoryResponse>>> ListCategories(SupportDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.TicketCategories.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Key).ToListAsync(cancellationToken))
            .Select(CategoryResponse.From).ToList());

    public static async Task<Results<Ok<CategoryResponse>, NotFound>> GetCategory(string key, SupportDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CategoryChecks.FindAsync(db, key, cancellationToken) is not { } category)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<Created<CategoryResponse>, ValidationProblem, ProblemHttpResult>> CreateCategory(
        CategoryRequest request, SupportDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Key))
        {
            return TicketProblems.Invalid("key", "A new category needs a key.");
        }

        if (await CategoryChecks.FindAsync(db, request.Key, cancellationToken) is { } existing)
        {
            return KeyTaken(existing.Key);
        }

        var now = clock.GetUtcNow();
        var category = new TicketCategory { Key = request.Key, Name = request.Name!.Trim(), IsActive = request.Active ?? true, CreatedAt = now, UpdatedAt = now };
        db.TicketCategories.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another administrator created it a moment ago.
            return KeyTaken(request.Key);
        }

        http.Response.Headers.ETag = ETags.From(category.Version);
        return TypedResults.Created($"{Prefix}/{category.Key}", CategoryResponse.From(category));
    }

    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> UpdateCategory(
        string key, CategoryRequest request, SupportDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        if (await CategoryChecks.FindAsync(db, key, cancellationToken) is not { } category)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
        }

        if (request.Key is not null && !string.Equals(request.Key, category.Key, StringComparison.Ordinal))
        {
            return TicketProblems.Invalid("key", "A category's key never changes; change its name instead.");
        }

        (category.Name, category.IsActive, category.UpdatedAt) = (request.Name!.Trim(), request.Active ?? true, clock.GetUtcNow());
        db.Entry(category).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        http.Response.Headers.ETag = ETags.From(category.Version);
        return TypedResults.Ok(CategoryResponse.From(category));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(string key, SupportDbContext db, CancellationToken cancellationToken)
    {
        if (await CategoryChecks.FindAsync(db, key, cancellationToken) is not { } category)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
        }

        var found = category.Key;
        var usedBy = new List<string>();
        if (found == TicketCategory.CheckIn)
        {
            usedBy.Add("care-plan check-ins");
        }

        if (await db.Tickets.AnyAsync(ticket => ticket.Category == found, cancellationToken))
        {
            usedBy.Add("tickets");
        }

        if (await db.AssignmentRules.AnyAsync(rule => rule.Category == found, cancellationToken))
        {
            usedBy.Add("an assignment rule");
        }

        if (await db.SatisfactionSurveys.AnyAsync(survey => survey.Category == found, cancellationToken))
        {
            usedBy.Add("satisfaction surveys");
        }

        if (usedBy.Count > 0)
        {
            return InUse(found, usedBy);
        }

        db.TicketCategories.Remove(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // A ticket took it between the check and the delete; the foreign key kept the history whole.
            return InUse(found, ["tickets"]);
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult KeyTaken(string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The category exists.",
            detail: $"There is a category '{key}' already; rename or reactivate that one instead.");

    private static ProblemHttpResult InUse(string key, IReadOnlyList<string> usedBy) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The category is in use.",
            detail: $"'{key}' is used by {string.Join(", ", usedBy)}; retire it (active: false) so it keeps its history but takes no new tickets.",
            extensions: new Dictionary<string, object?> { ["usedBy"] = usedBy });
}

using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Crm.Sales.Apis;

/// <summary>The administrator's list of reasons a deal may be lost for; a lost stage move must name one of them.</summary>
public static class LostReasonsApi
{
    public static RouteGroupBuilder MapLostReasonsApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/lost-reasons").WithTags("Lost reasons");
        api.MapGet("/", ListLostReasons).WithSummary("The reasons a deal may be lost for, by name.");
        api.MapPost("/", AddLostReason)
            .WithValidation<LostReasonRequest>()
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Adds a reason (administrators only); 409 when the name exists.");
        api.MapDelete("/{id:guid}", RemoveLostReason)
            .RequireRoles(CrmRoles.Administrator)
            .WithSummary("Removes a reason (administrators only); deals lost for it keep it.");
        return sales;
    }

    public static async Task<Ok<List<LostReason>>> ListLostReasons(SalesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.LostReasons.AsNoTracking().OrderBy(reason => reason.Name).ToListAsync(cancellationToken));

    public static async Task<Results<Created<LostReason>, ProblemHttpResult>> AddLostReason(
        LostReasonRequest request, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name!.Trim();
        if (await db.LostReasons.AnyAsync(reason => reason.Name.ToLower() == name.ToLower(), cancellationToken))
        {
            return SalesProblems.Conflict("The reason exists.", $"'{name}' is already on the list.");
        }

        var reason = new LostReason { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name };
        db.LostReasons.Add(reason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SalesProblems.Conflict("The reason exists.", $"'{name}' was added a moment ago.");
        }
        return TypedResults.Created($"{SalesApi.Prefix}/lost-reasons/{reason.Id}", reason);
    }

    public static async Task<Results<NoContent, NotFound>> RemoveLostReason(Guid id, SalesDbContext db, CancellationToken cancellationToken) =>
        await db.LostReasons.Where(reason => reason.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.NotFound()
            : TypedResults.NoContent();
}

public sealed record LostReasonRequest(string? Name);

public sealed class LostReasonRequestValidator : AbstractValidator<LostReasonRequest>
{
    public LostReasonRequestValidator() => RuleFor(request => request.Name).NotEmpty().MaximumLength(100);
}

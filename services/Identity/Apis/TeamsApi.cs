using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.Apis;

public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup($"{UsersApi.Prefix}/teams").WithTags("Teams");
        teams.MapGet("/", ListTeams).WithSummary("Every team; any signed-in user may read them.");
        teams.MapPost("/", CreateTeam).RequireRoles(CrmRoles.Administrator).WithValidation<CreateTeamRequest>();
        return app;
    }

    public static async Task<Ok<List<TeamResponse>>> ListTeams(IdentityDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Teams.AsNoTracking().OrderBy(team => team.Name)
            .Select(team => new TeamResponse(team.Id, team.Name)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<TeamResponse>, ProblemHttpResult>> CreateTeam(
        CreateTeamRequest request, IdentityDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name!.Trim();
        if (await db.Teams.AnyAsync(team => team.Name == name, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A team with this name exists.", detail: name);
        }

        var team = new Team { Id = Guid.CreateVersion7(), Name = name, CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        audit.Record(AuditActions.TeamCreated, team.Id.ToString(), name);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{UsersApi.Prefix}/teams/{team.Id}", new TeamResponse(team.Id, team.Name));
    }
}

public sealed record TeamResponse(Guid Id, string Name);

public sealed record CreateTeamRequest(string? Name);

public sealed class CreateTeamRequestValidator : AbstractValidator<CreateTeamRequest>
{
    public CreateTeamRequestValidator() => RuleFor(request => request.Name).NotEmpty().MaximumLength(100);
}

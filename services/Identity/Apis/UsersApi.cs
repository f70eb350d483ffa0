using Crm.Identity.Infrastructure;
using Crm.Identity.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.Apis;

/// <summary>User administration. Only administrators manage users; everyone may read who they are.</summary>
public static class UsersApi
{
    public const string Prefix = "/api/identity";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        var api = app.MapGroup(Prefix).WithTags("Users");
        api.MapGet("/me", GetMe).WithSummary("The signed-in caller as the identity service knows them.");

        var users = api.MapGroup("/users").RequireRoles(CrmRoles.Administrator);
        users.MapPost("/", CreateUser).WithName(nameof(CreateUser)).WithValidation<CreateUserRequest>()
            .WithSummary("Creates a user with roles and, optionally, a team.");
        users.MapGet("/", ListUsers).WithValidation<ListUsersQuery>().WithSummary("Lists users, filtered and paged.");
        users.MapGet("/{id:guid}", GetUser).WithName(nameof(GetUser));
        users.MapPut("/{id:guid}/roles", ChangeRoles).WithValidation<ChangeRolesRequest>().WithSummary("Replaces the user's roles.");
        users.MapPut("/{id:guid}/team", ChangeTeam).WithSummary("Moves the user to a team (or out of every team).");
        users.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("Stops the user from signing in and refreshing tokens.");
        users.MapPost("/{id:guid}/activate", Activate);
        users.MapPost("/{id:guid}/unlock", Unlock).WithSummary("Ends a lockout after failed sign-ins.");
        return app;
    }

    public static async Task<Results<Ok<UserResponse>, NotFound>> GetMe(CurrentUser caller, UserManager<CrmUser> users, TimeProvider clock)
    {
        var user = caller.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserResponse.From(user, await users.GetRolesAsync(user), clock.GetUtcNow()));
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(team => team.Id == teamId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["teamId"] = [$"There is no team {teamId}."] });
        }

        if (await users.FindByEmailAsync(request.Email!) is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A user with this e-mail exists.", detail: request.Email);
        }

        var user = new CrmUser
        {
            Id = Guid.CreateVersion7(),
            UserName = request.Email,
            Email = request.Email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName!.Trim(),
            TeamId = request.TeamId,
            CreatedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return IdentityProblems.From(created, "password");
        }

        var roles = request.Roles!.Distinct().ToList();
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            return IdentityProblems.From(added, "roles");
        }

        audit.Record(AuditActions.UserCreated, user.Id.ToString(), $"{user.Email} with roles {string.Join(", ", roles)}");
        db.PublishChange(user, roles, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"{Prefix}/users/{user.Id}", UserResponse.From(user, roles, clock.GetUtcNow()));
    }

    public static async Task<Ok<PagedResponse<UserResponse>>> ListUsers(
        [AsParameters] ListUsersQuery query, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{query.Search.Trim()}%";
            users = users.Where(user => EF.Functions.ILike(user.Email!, pattern) || EF.Functions.ILike(user.DisplayName, pattern));
        }

        if (query.TeamId is { } teamId)
        {
            users = users.Where(user => user.TeamId == teamId);
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var roleId = db.Roles.Where(role => role.Name == query.Role).Select(role => role.Id);
            users = users.Where(user => db.UserRoles.Any(link => link.UserId == user.Id && roleId.Contains(link.RoleId)));
        }

        var total = await users.LongCountAsync(cancellationToken);
        var page = await users.OrderBy(user => user.DisplayName).ThenBy(user => user.Id)
            .Skip(query.SkipOf()).Take(query.PageSizeOf())
            .Select(user => new
            {
                User = user,
                Roles = db.UserRoles.Where(link => link.UserId == user.Id)
                    .Join(db.Roles, link => link.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(PagedResponse<UserResponse>.Of([.. page.Select(row => UserResponse.From(row.User, row.Roles, now))], query, total));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound>> GetUser(Guid id, UserManager<CrmUser> users, TimeProvider clock)
    {
        var user = await users.FindByIdAsync(id.ToString());
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserResponse.From(user, await users.GetRolesAsync(user), clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> ChangeRoles(
        Guid id, ChangeRolesRequest request, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var before = await users.GetRolesAsync(user);
        var after = request.Roles!.Distinct().ToList();
        if (before.Contains(CrmRoles.Administrator) && !after.Contains(CrmRoles.Administrator) && await IsLastActiveAdministratorAsync(users, user))
        {
            return LastAdministrator();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemoveFromRolesAsync(user, before.Except(after));
        await users.AddToRolesAsync(user, after.Except(before));
        audit.Record(AuditActions.RolesChanged, user.Id.ToString(), $"{string.Join(", ", before.Order())} -> {string.Join(", ", after.Order())}");
        db.PublishChange(user, after, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(UserResponse.From(user, after, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem>> ChangeTeam(
        Guid id, ChangeTeamRequest request, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(team => team.Id == teamId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["teamId"] = [$"There is no team {teamId}."] });
        }

        audit.Record(AuditActions.TeamChanged, user.Id.ToString(), $"{user.TeamId} -> {request.TeamId}");
        user.TeamId = request.TeamId;
        var roles = await users.GetRolesAsync(user);
        db.PublishChange(user, roles, clock.GetUtcNow());
        await users.UpdateAsync(user);
        return TypedResults.Ok(UserResponse.From(user, roles, clock.GetUtcNow()));
    }

    public static Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> Deactivate(
        Guid id, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock) =>
        SetActiveAsync(id, active: false, users, db, audit, clock);

    public static Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> Activate(
        Guid id, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock) =>
        SetActiveAsync(id, active: true, users, db, audit, clock);

    public static async Task<Results<Ok<UserResponse>, NotFound>> Unlock(Guid id, UserManager<CrmUser> users, AuditLog audit, TimeProvider clock)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record(AuditActions.UserUnlocked, user.Id.ToString());
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.Ok(UserResponse.From(user, await users.GetRolesAsync(user), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> SetActiveAsync(
        Guid id, bool active, UserManager<CrmUser> users, IdentityDbContext db, AuditLog audit, TimeProvider clock)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var roles = await users.GetRolesAsync(user);
        if (!active && roles.Contains(CrmRoles.Administrator) && await IsLastActiveAdministratorAsync(users, user))
        {
            return LastAdministrator();
        }

        audit.Record(active ? AuditActions.UserActivated : AuditActions.UserDeactivated, user.Id.ToString());
        user.IsActive = active;
        db.PublishChange(user, roles, clock.GetUtcNow());
        // A new security stamp ends the user's sign-in session at once; tokens end at their next refresh.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(UserResponse.From(user, roles, clock.GetUtcNow()));
    }

    private static async Task<bool> IsLastActiveAdministratorAsync(UserManager<CrmUser> users, CrmUser user) =>
        !(await users.GetUsersInRoleAsync(CrmRoles.Administrator)).Any(other => other.Id != user.Id && other.IsActive);

    private static ProblemHttpResult LastAdministrator() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The last active administrator cannot be removed.",
            detail: "Make another user an administrator first.");
}

using Crm.Identity.Infrastructure;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.Apis;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup($"{UsersApi.Prefix}/audit").WithTags("Audit").RequireRoles(CrmRoles.Administrator)
            .MapGet("/", ListAuditEntries).WithValidation<AuditQuery>()
            .WithSummary("Security-relevant actions, newest first: sign-ins, lockouts, user, role and client changes, exports and erasures.");
        return app;
    }

    public static async Task<Ok<PagedResponse<AuditEntryResponse>>> ListAuditEntries(
        [AsParameters] AuditQuery query, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            entries = entries.Where(entry => entry.Service == query.Service);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(entry => entry.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            entries = entries.Where(entry => entry.ActorId == query.ActorId);
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            entries = entries.Where(entry => entry.Target == query.Target);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(entry => entry.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(entry => entry.OccurredAt < to);
        }

        var total = await entries.LongCountAsync(cancellationToken);
        var page = await entries.OrderByDescending(entry => entry.Id).Skip(query.SkipOf()).Take(query.PageSizeOf())
            .Select(entry => new AuditEntryResponse(entry.Id, entry.OccurredAt, entry.Service, entry.Action, entry.ActorId, entry.ActorName, entry.Target, entry.Details, entry.IpAddress))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(PagedResponse<AuditEntryResponse>.Of(page, query, total));
    }
}

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset OccurredAt, string Service, string Action, string? ActorId, string? ActorName, string? Target, string? Details, string? IpAddress);

public sealed record AuditQuery(string? Service, string? Action, string? ActorId, string? Target, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize)
    : IPagedQuery;

public sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    public AuditQueryValidator()
    {
        Include(new PagedQueryValidator<AuditQuery>());
        RuleFor(query => query.To).GreaterThan(query => query.From).When(query => query.From is not null && query.To is not null);
    }
}

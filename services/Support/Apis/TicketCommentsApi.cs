using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

public static class TicketCommentsApi
{
    public static IEndpointRouteBuilder MapTicketCommentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"{TicketsApi.Prefix}/{{id:guid}}/comments").WithTags("Tickets");

        api.MapGet("/", ListComments)
            .WithValidation<ListCommentsQuery>()
            .WithSummary("A ticket's comments, oldest first, keyset-paged. Marketers get public replies only.")
            .RequireRoles(TicketRoles.Readers);
        api.MapPost("/", AddComment)
            .WithValidation<AddCommentRequest>()
            .WithSummary("Adds a public reply or an internal note; the first public reply sets the ticket's first response time.")
            .RequireRoles(TicketRoles.Workers);
        return app;
    }

    public static async Task<Results<Ok<CursorPage<CommentResponse>>, NotFound>> ListComments(
        Guid id, [AsParameters] ListCommentsQuery query, CurrentUser caller, SupportDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await TicketScope.ReadOf(caller).Apply(db.Tickets.AsNoTracking()).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }

        var comments = db.TicketComments.AsNoTracking().Where(comment => comment.TicketId == id).VisibleOn(ticket, caller);
        if (query.Visibility is { } visibility)
        {
            comments = comments.Where(comment => comment.Visibility == visibility);
        }

        Cursor.TryDecode(query.Cursor, ListCommentsQuery.Sort, out var after);
        var rows = await comments.Page(after).Take(query.PageSizeOrDefault + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? TicketQueries.CursorAfter(page[^1]).Encode() : null;
        return TypedResults.Ok(new CursorPage<CommentResponse>([.. page.Select(CommentResponse.From)], query.PageSizeOrDefault, next));
    }

    public static async Task<Results<Created<CommentResponse>, NotFound, ProblemHttpResult>> AddComment(
        Guid id, AddCommentRequest request, CurrentUser caller, SupportDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var status = await TicketScope.WorkOf(caller).Apply(db.Tickets)
            .Where(t => t.Id == id)
            .Select(t => (TicketStatus?)t.Status)
            .FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return TypedResults.NotFound();
        }

        if (status == TicketStatus.Closed)
        {
            return TicketProblems.Closed();
        }

        var now = clock.GetUtcNow();
        var comment = new TicketComment
        {
            Id = Guid.CreateVersion7(now),
            TicketId = id,
            Visibility = request.Visibility!.Value,
            Body = request.Body!.Trim(),
            AuthorId = caller.UserId,
            AuthorName = caller.Name,
            CreatedAt = now,
        };

        // The comment and the first response time commit together. The ticket is updated in place, not loaded and
        // saved: a reply needs no If-Match and must not fail because someone changed the ticket meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.TicketComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        if (comment.Visibility == CommentVisibility.Public)
        {
            await db.Tickets
                .Where(t => t.Id == id && t.FirstResponseAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(t => t.FirstResponseAt, now).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created((string?)null, CommentResponse.From(comment));
    }
}

using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Crm.Support.Infrastructure;
using Crm.Support.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Support.Apis;

public static class TicketsApi
{
    public const string Prefix = $"{SupportApi.Prefix}/tickets";

    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        // Roles per endpoint, not per group: a group's roles and an endpoint's would both have to hold.
        var api = app.MapGroup(Prefix).WithTags("Tickets");

        api.MapGet("/", ListTickets)
            .WithValidation<ListTicketsQuery>()
            .WithSummary("Lists the tickets the caller may see: filters, sort, keyset paging (pass nextCursor back as cursor).")
            .RequireRoles(TicketRoles.Readers);
        api.MapPost("/", CreateTicket)
            .WithValidation<CreateTicketRequest>()
            .WithSummary("Opens a ticket for a customer; it lands in the caller's team (an agent takes it themselves), or, when a lead or administrator names neither team nor assignee, where the category's assignment rule sends it.")
            .RequireRoles(TicketRoles.Workers);
        api.MapGet("/{id:guid}", GetTicket)
            .WithName(nameof(GetTicket))
            .WithSummary("Reads one ticket with its comments; the ETag header carries its version. Marketers never get internal notes.")
            .RequireRoles(TicketRoles.Readers);
        api.MapPut("/{id:guid}", UpdateTicket)
            .WithValidation<UpdateTicketRequest>()
            .WithSummary("Replaces a ticket's fields. Needs If-Match with the ETag read: 428 without it, 412 when stale.")
            .RequireRoles(TicketRoles.Workers);
        api.MapPost("/{id:guid}/status", ChangeStatus)
            .WithValidation<ChangeStatusRequest>()
            .WithSummary("Moves the ticket along its workflow (409 naming the allowed statuses otherwise). Needs If-Match.")
            .RequireRoles(TicketRoles.Workers);
        api.MapPost("/{id:guid}/assignment", AssignTicket)
            .WithValidation<AssignTicketRequest>()
            .WithSummary("Assigns the ticket to an agent and team: leads within their team, administrators anywhere; agents take it. Needs If-Match.")
            .RequireRoles(TicketRoles.Workers);
        return app;
    }

    public static async Task<Ok<CursorPage<TicketResponse>>> ListTickets(
        [AsParameters] ListTicketsQuery query, CurrentUser caller, SupportDbContext db, SlaPlanner planner, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        Cursor.TryDecode(query.Cursor, query.SortOrDefault, out var after);
        var rows = await TicketScope.ReadOf(caller).Apply(db.Tickets.AsNoTracking())
            .Filter(query)
            .Page(query.SortOrDefault, after)
            .Take(query.PageSizeOrDefault + 1)
            .ToListAsync(cancellationToken);

        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count ? TicketQueries.CursorAfter(page[^1], query.SortOrDefault).Encode() : null;
        var now = clock.GetUtcNow();
        var items = new List<TicketResponse>(page.Count);
        foreach (var ticket in page)
        {
            items.Add(TicketResponse.From(ticket, await planner.ClockOfAsync(ticket.SlaCalendarId, cancellationToken), now));
        }

        return TypedResults.Ok(new CursorPage<TicketResponse>(items, query.PageSizeOrDefault, next));
    }

    public static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> CreateTicket(
        CreateTicketRequest request, CurrentUser caller, SupportDbContext db, SlaPlanner planner, AutoAssigner rules, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await TicketProblems.CheckCustomerAsync(db, request.CustomerId!.Value, cancellationToken) is { } unknownCustomer)
        {
            return unknownCustomer;
        }

        if (await TicketProblems.CheckContactAsync(db, request.CustomerId!.Value, request.ContactId, cancellationToken) is { } foreignContact)
        {
            return foreignContact;
        }

        var (ticketCategory, badCategory) = await CategoryChecks.ForNewTicketAsync(db, request.Category, current: null, cancellationToken);
        if (badCategory is not null)
        {
            return badCategory;
        }

        var defaults = TicketAssignment.DefaultFor(caller);
        var (assignment, invalid, refused) = await TicketAssignment.DecideAsync(
            db, caller, defaults, request.AssigneeId ?? defaults.AssigneeId, request.TeamId, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (refused is not null)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.TeamId is null && request.AssigneeId is null && defaults.AssigneeId is null &&
            await rules.AssignAsync(ticketCategory!, now, cancellationToken) is { } ruled)
        {
            // Nobody took the ticket and nobody named a team: the administrator's rule for the category routes it.
            assignment = ruled;
        }

        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            Subject = "",
            Description = "",
            Category = ticketCategory!,
            TeamId = assignment!.TeamId,
            AssigneeId = assignment.AssigneeId,
            CreatedBy = caller.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.Apply(request, ticketCategory!);
        db.Tickets.Add(ticket);
        await planner.PlanAsync(ticket, now, cancellationToken);
        db.AddIntegrationEvent(ticket.Opened(), orderingKey: ticket.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(ticket.Version);
        return TypedResults.Created($"{Prefix}/{ticket.Id}", await ResponseAsync(ticket, planner, now, cancellationToken));
    }

    public static async Task<Results<Ok<TicketResponse>, NotFound>> GetTicket(
        Guid id, CurrentUser caller, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var ticket = await TicketScope.ReadOf(caller).Apply(db.Tickets.AsNoTracking()).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }

        var comments = await db.TicketComments.AsNoTracking()
            .Where(comment => comment.TicketId == id)
            .VisibleOn(ticket, caller)
            .Page(after: null)
            .ToListAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(ticket.Version);
        return TypedResults.Ok(TicketResponse.From(ticket, await planner.ClockOfAsync(ticket.SlaCalendarId, cancellationToken), clock.GetUtcNow(),
            [.. comments.Select(CommentResponse.From)]));
    }

    public static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> UpdateTicket(
        Guid id, UpdateTicketRequest request, CurrentUser caller, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (ticket, expectedVersion, problem) = await TicketToChangeAsync(id, caller, db, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ticket.Status == TicketStatus.Closed)
        {
            return TicketProblems.Closed();
        }

        if (request.CustomerId != ticket.CustomerId &&
            await TicketProblems.CheckCustomerAsync(db, request.CustomerId!.Value, cancellationToken) is { } unknownCustomer)
        {
            return unknownCustomer;
        }

        if (await TicketProblems.CheckContactAsync(db, request.CustomerId!.Value, request.ContactId, cancellationToken) is { } foreignContact)
        {
            return foreignContact;
        }

        var (category, badCategory) = await CategoryChecks.ForNewTicketAsync(db, request.Category, ticket.Category, cancellationToken);
        if (badCategory is not null)
        {
            return badCategory;
        }

        var (priority, customerId) = (ticket.Priority, ticket.CustomerId);
        if (ticket.Apply(request, category!))
        {
            ticket.UpdatedAt = clock.GetUtcNow();
            if (ticket.Priority != priority || ticket.CustomerId != customerId)
            {
                // Another priority or customer (tier) means other targets.
                await planner.PlanAsync(ticket, ticket.UpdatedAt, cancellationToken);
            }

            if (await SaveAsync(db, ticket, expectedVersion, cancellationToken) is { } stale)
            {
                return stale;
            }
        }

        http.Response.Headers.ETag = ETags.From(ticket.Version);
        return TypedResults.Ok(await ResponseAsync(ticket, planner, clock.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> ChangeStatus(
        Guid id, ChangeStatusRequest request, CurrentUser caller, SupportDbContext db, SlaPlanner planner, SatisfactionSurveys surveys,
        TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (ticket, expectedVersion, problem) = await TicketToChangeAsync(id, caller, db, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var from = ticket.Status;
        var to = request.Status!.Value;
        if (!TicketWorkflow.CanMove(from, to))
        {
            return TicketProblems.CannotMove(from, to);
        }

        var now = clock.GetUtcNow();
        ticket.MoveTo(to, now);
        await planner.FollowStatusAsync(ticket, now, cancellationToken);
        var key = ticket.Id.ToString();
        switch (to)
        {
            case TicketStatus.Resolved:
                db.AddIntegrationEvent(ticket.Resolved(), key);
                await surveys.CreateAsync(ticket, now, cancellationToken);
                break;
            case TicketStatus.Closed:
                db.AddIntegrationEvent(ticket.Closed(), key);
                break;
            case TicketStatus.Open when TicketWorkflow.IsReopen(from, to):
                db.AddIntegrationEvent(ticket.Reopened(), key);
                break;
        }

        if (await SaveAsync(db, ticket, expectedVersion, cancellationToken) is { } stale)
        {
            return stale;
        }

        http.Response.Headers.ETag = ETags.From(ticket.Version);
        return TypedResults.Ok(await ResponseAsync(ticket, planner, clock.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> AssignTicket(
        Guid id, AssignTicketRequest request, CurrentUser caller, SupportDbContext db, SlaPlanner planner, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (ticket, expectedVersion, problem) = await TicketToChangeAsync(id, caller, db, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ticket.Status == TicketStatus.Closed)
        {
            return TicketProblems.Closed();
        }

        var current = new TicketAssignment(ticket.TeamId, ticket.AssigneeId);
        var (assignment, invalid, refused) = await TicketAssignment.DecideAsync(
            db, caller, current, request.AssigneeId, request.TeamId, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (refused is not null)
        {
            return refused;
        }

        if (assignment != current)
        {
            ticket.TeamId = assignment!.TeamId;
            ticket.AssigneeId = assignment.AssigneeId;
            ticket.UpdatedAt = clock.GetUtcNow();
            if (await SaveAsync(db, ticket, expectedVersion, cancellationToken) is { } stale)
            {
                return stale;
            }
        }

        http.Response.Headers.ETag = ETags.From(ticket.Version);
        return TypedResults.Ok(await ResponseAsync(ticket, planner, clock.GetUtcNow(), cancellationToken));
    }

    private static async Task<TicketResponse> ResponseAsync(Ticket ticket, SlaPlanner planner, DateTimeOffset now, CancellationToken cancellationToken) =>
        TicketResponse.From(ticket, await planner.ClockOfAsync(ticket.SlaCalendarId, cancellationToken), now);

    /// <summary>
    /// The ticket a change is about, tracked, once the request names the version it was based on: 428 without
    /// If-Match, 404 outside the caller's scope, 412 when that version is no longer current. The ticket is null exactly
    /// when there is a problem.
    /// </summary>
    private static async Task<(Ticket Ticket, uint ExpectedVersion, ProblemHttpResult? Problem)> TicketToChangeAsync(
        Guid id, CurrentUser caller, SupportDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return (null!, 0, missing);
        }

        var ticket = await TicketScope.WorkOf(caller).Apply(db.Tickets).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null)
        {
            return (null!, 0, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound));
        }

        return ticket.Version == expectedVersion ? (ticket, expectedVersion, null) : (null!, 0, Preconditions.Stale());
    }

    /// <summary>Saves against the version the client read, not the one loaded: a save racing ours makes this one fail instead of overwrite.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(SupportDbContext db, Ticket ticket, uint expectedVersion, CancellationToken cancellationToken)
    {
        db.Entry(ticket).Property(t => t.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }
    }
}

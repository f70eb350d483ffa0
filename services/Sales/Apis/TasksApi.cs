using Crm.BuildingBlocks.Persistence;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Tasks and follow-ups. Every handler starts from <see cref="SalesScope.VisibleTasks"/>: another rep's task is a 404.</summary>
public static class TasksApi
{
    public const string Path = $"{SalesApi.Prefix}/tasks";

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder sales)
    {
        var api = sales.MapGroup("/tasks").WithTags("Tasks");
        api.MapGet("/", ListTasks)
            .WithValidation<ListTasksQuery>()
            .WithSummary("Lists the tasks the caller may see by due time: filters, due=today|overdue, keyset paging.");
        api.MapGet("/mine", ListMyTasks)
            .WithValidation<ListTasksQuery>()
            .WithSummary("The caller's own tasks by due time; due=today or due=overdue for what needs doing now.");
        api.MapPost("/", CreateTask)
            .WithValidation<TaskRequest>()
            .WithSummary("Creates a call, meeting, e-mail or to-do; the caller is the assignee unless they may assign another.");
        api.MapGet("/{id:guid}", GetTask)
            .WithSummary("Reads one task; the ETag header carries its version.");
        api.MapPut("/{id:guid}", UpdateTask)
            .WithValidation<TaskRequest>()
            .WithSummary("Replaces a task's fields and status. Needs If-Match: 428 without it, 412 when stale.");
        return sales;
    }

    public static Task<Ok<CursorPage<TaskResponse>>> ListMyTasks(
        [AsParameters] ListTasksQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ListTasks(query with { AssigneeId = caller.UserId ?? Guid.Empty }, caller, db, clock, cancellationToken);

    public static async Task<Ok<CursorPage<TaskResponse>>> ListTasks(
        [AsParameters] ListTasksQuery query, CurrentUser caller, SalesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tasks = db.VisibleTasks(caller).AsNoTracking();
        if (query.AssigneeId is { } assignee)
        {
            tasks = tasks.Where(task => task.AssigneeId == assignee);
        }

        if (query.CustomerId is { } customer)
        {
            tasks = tasks.Where(task => task.CustomerId == customer);
        }

        if (query.Status is { } status)
        {
            tasks = tasks.Where(task => task.Status == status);
        }

        if (query.FollowUps is { } followUps)
        {
            tasks = tasks.Where(task => task.IsFollowUp == followUps);
        }

        var now = clock.GetUtcNow();
        if (query.Due is "today")
        {
            var endOfDay = FollowUpClock.EndOfDay(now);
            tasks = tasks.Where(task => task.Status == SalesTaskStatus.Open && task.DueAt < endOfDay);
        }
        else if (query.Due is "overdue")
        {
            tasks = tasks.Where(task => task.Status == SalesTaskStatus.Open && task.DueAt < now);
        }

        Cursor.TryDecode(query.Cursor, ListTasksQuery.Sort, out var after);
        var rows = await tasks
            .OrderAfter(task => task.DueAt, task => task.Id, descending: false, after, Keyset.ParseTimeKey)
            .Take(query.PageSizeOrDefault + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(query.PageSizeOrDefault).ToList();
        var next = rows.Count > page.Count
            ? new Cursor(ListTasksQuery.Sort, Keyset.TimeKey(page[^1].DueAt), page[^1].Id.ToString()).Encode()
            : null;
        return TypedResults.Ok(new CursorPage<TaskResponse>([.. page.Select(TaskResponse.From)], query.PageSizeOrDefault, next));
    }

    public static bool IsUsableCursor(string? cursor) =>
        Keyset.IsUsable(cursor, ListTasksQuery.Sort, Keyset.TimeKeyParses);

    public static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> CreateTask(
        TaskRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if ((request.AssigneeId ?? caller.UserId) is not { } assigneeId)
        {
            return SalesProblems.Invalid("assigneeId", "An integration client names the assignee.");
        }

        if (await db.CheckNewOwnerAsync(caller, assigneeId, cancellationToken) is { } assigneeProblem)
        {
            return assigneeProblem;
        }

        if (request.CustomerId is { } customerId && await db.CheckCustomerAsync(customerId, cancellationToken) is { } customerProblem)
        {
            return customerProblem;
        }

        var now = clock.GetUtcNow();
        var task = new SalesTask { Id = Guid.CreateVersion7(now), Title = "", AssigneeId = assigneeId, CreatedAt = now, UpdatedAt = now };
        task.Apply(request, now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.From(task.Version);
        return TypedResults.Created($"{Path}/{task.Id}", TaskResponse.From(task));
    }

    public static async Task<Results<Ok<TaskResponse>, NotFound>> GetTask(
        Guid id, CurrentUser caller, SalesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var task = await db.VisibleTasks(caller).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = ETags.From(task.Version);
        return TypedResults.Ok(TaskResponse.From(task));
    }

    public static async Task<Results<Ok<TaskResponse>, NotFound, ProblemHttpResult>> UpdateTask(
        Guid id, TaskRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryGetIfMatch(http, out var expectedVersion, out var missing))
        {
            return missing;
        }

        var task = await db.VisibleTasks(caller).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TypedResults.NotFound();
        }

        if (task.Version != expectedVersion)
        {
            return Preconditions.Stale();
        }

        var assigneeId = request.AssigneeId ?? task.AssigneeId;
        if (assigneeId != task.AssigneeId && await db.CheckNewOwnerAsync(caller, assigneeId, cancellationToken) is { } assigneeProblem)
        {
            return assigneeProblem;
        }

        if (request.CustomerId is { } customerId && customerId != task.CustomerId &&
            await db.CheckCustomerAsync(customerId, cancellationToken) is { } customerProblem)
        {
            return customerProblem;
        }

        var now = clock.GetUtcNow();
        var completesFollowUp = task.IsFollowUp && task.Status == SalesTaskStatus.Open && request.Status == SalesTaskStatus.Done;
        task.Apply(request, now);
        task.AssigneeId = assigneeId;
        db.Entry(task).Property(t => t.Version).OriginalValue = expectedVersion;

        // Completing a follow-up is talking to the customer: the clock restarts and the next one is planned. Two saves
        // in one transaction, so the done task has left the "one open follow-up" index before the next one enters it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        if (completesFollowUp && task.CustomerId is { } followedUp &&
            await db.Customers.FirstOrDefaultAsync(c => c.Id == followedUp, cancellationToken) is { } customer)
        {
            customer.LastInteractionAt = now;
            await db.PlanFollowUpAsync(customer, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.From(task.Version);
        return TypedResults.Ok(TaskResponse.From(task));
    }

    private static void Apply(this SalesTask task, TaskRequest request, DateTimeOffset now)
    {
        task.Kind = request.Kind!.Value;
        task.Title = request.Title!.Trim();
        task.Notes = LeadWrites.Clean(request.Notes);
        if (task.DueAt != request.DueAt!.Value)
        {
            task.DueAt = request.DueAt.Value;
            task.DueNotifiedAt = null;
            task.OverdueNotifiedAt = null;
        }

        task.CustomerId = request.CustomerId;
        task.LeadId = request.LeadId;
        task.OpportunityId = request.OpportunityId;
        var status = request.Status ?? SalesTaskStatus.Open;
        task.CompletedAt = status == SalesTaskStatus.Done ? task.CompletedAt ?? now : null;
        task.Status = status;
        task.UpdatedAt = now;
    }
}

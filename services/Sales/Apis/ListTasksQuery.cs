using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="Due">today: open tasks due before tomorrow (overdue ones included); overdue: open tasks past their due time.</param>
/// <param name="Cursor">The previous page's <c>nextCursor</c>; the list is sorted by due time.</param>
public sealed record ListTasksQuery(
    Guid? AssigneeId,
    Guid? CustomerId,
    SalesTaskStatus? Status,
    bool? FollowUps,
    string? Due,
    string? Cursor,
    int? PageSize)
{
    public const string Sort = "dueAt";
    public static readonly string[] DueFilters = ["today", "overdue"];

    public int PageSizeOrDefault => PageSize ?? PagingLimits.DefaultPageSize;
}

public sealed class ListTasksQueryValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Due).Must(due => due is null || ListTasksQuery.DueFilters.Contains(due))
            .WithMessage("'due' is today or overdue.");
        RuleFor(query => query.Cursor).Must(cursor => TasksApi.IsUsableCursor(cursor))
            .WithMessage("'cursor' is not a cursor of this list; pass nextCursor from the previous page.");
    }
}

using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Identity.Apis;

public sealed record ListUsersQuery(string? Search, string? Role, Guid? TeamId, int? Page, int? PageSize) : IPagedQuery;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        Include(new PagedQueryValidator<ListUsersQuery>());
        RuleFor(query => query.Search).MaximumLength(200);
    }
}

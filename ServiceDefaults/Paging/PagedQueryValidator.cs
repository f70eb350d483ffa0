using FluentValidation;

namespace Crm.ServiceDefaults.Paging;

public sealed class PagedQueryValidator<TQuery> : AbstractValidator<TQuery>
    where TQuery : IPagedQuery
{
    public PagedQueryValidator()
    {
        RuleFor(query => query.Page).GreaterThanOrEqualTo(1);
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
    }
}

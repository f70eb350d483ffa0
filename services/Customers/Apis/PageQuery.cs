using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record PageQuery(int? Page, int? PageSize) : IPagedQuery;

public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator() => Include(new PagedQueryValidator<PageQuery>());
}

using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Customers.Apis;

public sealed record HistoryQuery(int? Page, int? PageSize) : IPagedQuery;

public sealed class HistoryQueryValidator : AbstractValidator<HistoryQuery>
{
    public HistoryQueryValidator() => Include(new PagedQueryValidator<HistoryQuery>());
}

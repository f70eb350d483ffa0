using System.Globalization;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="UserId">Only this rep's quotas.</param>
/// <param name="TeamId">Only quotas of this team's members.</param>
/// <param name="From">First month listed (yyyy-MM).</param>
/// <param name="To">Last month listed (yyyy-MM).</param>
public sealed record ListQuotasQuery(Guid? UserId, Guid? TeamId, string? From, string? To, int? Page, int? PageSize) : IPagedQuery
{
    public static bool TryParseMonth(string? month, out DateOnly first) =>
        DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
}

public sealed class ListQuotasQueryValidator : AbstractValidator<ListQuotasQuery>
{
    public ListQuotasQueryValidator()
    {
        Include(new PagedQueryValidator<ListQuotasQuery>());
        RuleFor(query => query.From).Must(month => ListQuotasQuery.TryParseMonth(month, out _)).When(query => query.From is not null)
            .WithMessage("'from' is a month such as 2027-03.");
        RuleFor(query => query.To).Must(month => ListQuotasQuery.TryParseMonth(month, out _)).When(query => query.To is not null)
            .WithMessage("'to' is a month such as 2027-03.");
    }
}

using System.Globalization;
using Crm.ServiceDefaults.Paging;
using FluentValidation;

namespace Crm.Customers.Apis;

/// <param name="Service">Only entries from this service (customers, sales, marketing, support).</param>
public sealed record TimelineQuery(string? Service, string? Cursor, int? PageSize);

public sealed class TimelineQueryValidator : AbstractValidator<TimelineQuery>
{
    public TimelineQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize);
        RuleFor(query => query.Service).MaximumLength(16);
        RuleFor(query => query.Cursor)
            .Must(cursor => Cursor.TryDecode(cursor, "timeline", out var decoded) && (decoded is null
                || (DateTimeOffset.TryParse(decoded.Key, CultureInfo.InvariantCulture, out _) && long.TryParse(decoded.Id, CultureInfo.InvariantCulture, out _))))
            .WithMessage("'cursor' is not a timeline cursor; pass nextCursor from the previous page.");
    }
}

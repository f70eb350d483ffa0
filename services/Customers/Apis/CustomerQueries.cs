using System.Globalization;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>Filters and keyset paging for the customer list.</summary>
public static class CustomerQueries
{
    public static IQueryable<Customer> Filter(this IQueryable<Customer> customers, ICustomerFilter query)
    {
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            var pattern = $"%{EscapeLike(text)}%";
            var digits = new string([.. text.Where(char.IsAsciiDigit)]);
            var digitPattern = digits.Length >= 3 ? $"%{digits}%" : null;
            // Contains, case-insensitively, or is a close enough word (pg_trgm's word similarity, "Acme" for "Acne").
            customers = customers.Where(customer =>
                EF.Functions.ILike(customer.Name, pattern) ||
                EF.Functions.TrigramsAreWordSimilar(text, customer.Name) ||
                EF.Functions.ILike(customer.Email!, pattern) ||
                (digitPattern != null && EF.Functions.Like(customer.PhoneDigits!, digitPattern)));
        }

        if (query.Kind is { } kind)
        {
            customers = customers.Where(customer => customer.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            customers = customers.Where(customer => customer.Region == query.Region);
        }

        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            customers = customers.Where(customer => customer.Industry == query.Industry);
        }

        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            customers = customers.Where(customer => customer.Source == query.Source);
        }

        if (query.OwnerId is { } ownerId)
        {
            customers = customers.Where(customer => customer.OwnerId == ownerId);
        }

        if (query.CompanyId is { } companyId)
        {
            customers = customers.Where(customer => customer.CompanyId == companyId);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            customers = customers.Where(customer => customer.Tags.Contains(query.Tag));
        }

        if (query.CreatedFrom is { } from)
        {
            customers = customers.Where(customer => customer.CreatedAt >= from);
        }

        if (query.CreatedTo is { } to)
        {
            customers = customers.Where(customer => customer.CreatedAt < to);
        }

        return customers;
    }

    /// <summary>
    /// Sorts, then starts after the cursor's row. The id breaks ties so the order is total, and the row comparison
    /// <c>(name, id) &gt; (@key, @id)</c> reads the matching index from the cursor on.
    /// </summary>
    public static IQueryable<Customer> Page(this IQueryable<Customer> customers, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        switch (sort.TrimStart('-'))
        {
            case "createdAt":
                var created = after is null ? default : DateTimeOffset.Parse(after.Key, CultureInfo.InvariantCulture);
                return (after, descending) switch
                {
                    (null, false) => customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
                    (null, true) => customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
                    (_, false) => customers.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(created, after.Id)))
                        .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
                    (_, true) => customers.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(created, after.Id)))
                        .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
                };
            case "updatedAt":
                var updated = after is null ? default : DateTimeOffset.Parse(after.Key, CultureInfo.InvariantCulture);
                return (after, descending) switch
                {
                    (null, false) => customers.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
                    (null, true) => customers.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
                    (_, false) => customers.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.UpdatedAt, c.Id), ValueTuple.Create(updated, after.Id)))
                        .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
                    (_, true) => customers.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.UpdatedAt, c.Id), ValueTuple.Create(updated, after.Id)))
                        .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
                };
            default:
                return (after, descending) switch
                {
                    (null, false) => customers.OrderBy(c => c.Name).ThenBy(c => c.Id),
                    (null, true) => customers.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
                    (_, false) => customers.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(after.Key, after.Id)))
                        .OrderBy(c => c.Name).ThenBy(c => c.Id),
                    (_, true) => customers.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(after.Key, after.Id)))
                        .OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
                };
        }
    }

    public static Cursor CursorAfter(Customer last, string sort) => sort.TrimStart('-') switch
    {
        "createdAt" => new Cursor(sort, last.CreatedAt.ToString("O", CultureInfo.InvariantCulture), last.Id),
        "updatedAt" => new Cursor(sort, last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), last.Id),
        _ => new Cursor(sort, last.Name, last.Id),
    };

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

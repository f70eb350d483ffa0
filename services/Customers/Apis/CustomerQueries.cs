using Crm.BuildingBlocks.Persistence;
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

        if (query.Tier is { } tier)
        {
            customers = customers.Where(customer => customer.Value!.Tier == tier);
        }

        if (query.Lifecycle is { } lifecycle)
        {
            customers = customers.Where(customer => customer.Value!.Lifecycle == lifecycle);
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

    /// <summary>Sorts, then starts after the cursor's row (see <see cref="Keyset"/>).</summary>
    public static IQueryable<Customer> Page(this IQueryable<Customer> customers, string sort, Cursor? cursor)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            "createdAt" => customers.OrderAfter(c => c.CreatedAt, c => c.Id, descending, cursor, ParseTime),
            "updatedAt" => customers.OrderAfter(c => c.UpdatedAt, c => c.Id, descending, cursor, ParseTime),
            _ => customers.OrderAfter(c => c.Name, c => c.Id, descending, cursor, key => key),
        };
    }

    /// <summary>False for a cursor of another sort order or one whose key is not of the sort's type.</summary>
    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') == "name"
            || DateTimeOffset.TryParse(key, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    public static Cursor CursorAfter(Customer last, string sort) => sort.TrimStart('-') switch
    {
        "createdAt" => new Cursor(sort, last.CreatedAt.ToString("O", CultureInfo.InvariantCulture), last.Id.ToString()),
        "updatedAt" => new Cursor(sort, last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture), last.Id.ToString()),
        _ => new Cursor(sort, last.Name, last.Id.ToString()),
    };

    private static DateTimeOffset ParseTime(string key) => DateTimeOffset.Parse(key, CultureInfo.InvariantCulture);

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

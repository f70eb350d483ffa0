using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Paging;
using Crm.Customers.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
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

        if (!string.IsNullOrWhiteSpace(query.Grade))
        {
            customers = customers.Where(customer => customer.Value!.Grade == query.Grade);
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
    /// The rating grade as the value rules spell it, or the 400 naming <c>grade</c>: grades are whatever the administrator
    /// defined, so they are checked against the stored rules rather than a fixed list.
    /// </summary>
    public static async Task<(string? Grade, ValidationProblem? Problem)> KnownGradeAsync(
        CustomersDbContext db, string? grade, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(grade))
        {
            return (null, null);
        }

        var grades = (await ValueRecalculator.LoadRulesAsync(db, cancellationToken)).RatingOrDefault.Grades.Select(rule => rule.Grade).ToList();
        var known = grades.FirstOrDefault(name => string.Equals(name, grade.Trim(), StringComparison.OrdinalIgnoreCase));
        return known is not null ? (known, null) : (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["grade"] = [$"'grade' is one of the rating's grades: {string.Join(", ", grades)}."],
        }));
    }

    /// <summary>At most this many customers of a value filter are fetched by id and sorted, instead of read in the sort's order.</summary>
    public const int FewMatches = 5_000;

    /// <summary>
    /// The ids of the customers a rare filter keeps, when they are at most <see cref="FewMatches"/>; null otherwise. PostgreSQL
    /// costs a sorted, limited list as if matches were spread evenly, so for a rare value (grade A: 0.3 %) it walks the name
    /// index checking every customer; fetching the few matches by id and sorting them is milliseconds. A capped read of the
    /// filter's own index tells the two cases apart: first the value table's (tier | lifecycle | grade, ...) indexes, then
    /// the GIN index of the custom field values for an equality on a choice or a number (containment).
    /// <c>ValueFiltersMet</c>: the ids came from the value filters, which the caller can then drop; other conditions stay,
    /// cheap on few rows. <c>InSortOrder</c>: the ids are in <paramref name="sort"/>'s order, so a page needs only its own
    /// rows fetched (see <see cref="PageInOrderAsync"/>). Sorted by creation time, a value filter needs no ids: the same
    /// indexes give that order (see <see cref="Page"/>), and counting a common value's matches would cost more than the page.
    /// </summary>
    public static async Task<(List<Guid>? Ids, bool ValueFiltersMet, bool InSortOrder)> FewMatchesAsync(
        CustomersDbContext db, ICustomerFilter query, string sort, IReadOnlyList<CustomFieldFilter> customFieldFilters, CancellationToken cancellationToken)
    {
        var valueFilter = query is not { Tier: null, Lifecycle: null } || !string.IsNullOrWhiteSpace(query.Grade);
        if (valueFilter && sort.TrimStart('-') != "createdAt")
        {
            var values = db.CustomerValues.AsNoTracking();
            if (query.Tier is { } tier)
            {
                values = values.Where(value => value.Tier == tier);
            }

            if (query.Lifecycle is { } lifecycle)
            {
                values = values.Where(value => value.Lifecycle == lifecycle);
            }

            if (!string.IsNullOrWhiteSpace(query.Grade))
            {
                values = values.Where(value => value.Grade == query.Grade);
            }

            // A capped count first, read from the index alone, so a common value costs no transfer of ids.
            var ids = values.Select(value => value.CustomerId);
            if (await ids.Take(FewMatches + 1).CountAsync(cancellationToken) <= FewMatches)
            {
                return (await ids.ToListAsync(cancellationToken), true, false);
            }
        }

        // A single choice sorted by name or creation time needs no probe: its own btree gives that order (CustomFieldOrders).
        var ordered = sort.TrimStart('-') is "name" or "createdAt" && customFieldFilters.Any(CustomFieldIndexes.Serves);
        var indexed = customFieldFilters.Where(filter => filter is { Operator: "=", Field.Type: not CustomFieldType.Text }).ToList();
        if (ordered || indexed.Count == 0)
        {
            return (null, false, false);
        }

        // The GIN index holds no ids, so a count would read every match's row as the ids do: one capped read instead, which
        // sorts what it read by the list's key (the rows are in hand for the index's recheck, so the key costs nothing more).
        // The cap is a subquery's LIMIT, which PostgreSQL plans on its own: the matches first, then their order.
        var matches = await db.Customers.AsNoTracking().WhereCustomFields(indexed).Take(FewMatches + 1)
            .Page(sort, cursor: null).Select(customer => customer.Id).ToListAsync(cancellationToken);
        return matches.Count <= FewMatches ? (matches, false, true) : (null, false, false);
    }

    /// <summary>Keeps the customers of <paramref name="ids"/> (see <see cref="FewMatchesAsync"/>); all for null.</summary>
    public static IQueryable<Customer> WhereIdIn(this IQueryable<Customer> customers, List<Guid>? ids) =>
        ids is null ? customers : customers.Where(customer => ids.Contains(customer.Id));

    /// <summary>
    /// Up to <paramref name="take"/> customers of <paramref name="customers"/> among <paramref name="idsInOrder"/> (in the
    /// sort's order), after the cursor: slices of the ids from the cursor's on, growing twofold, until the page is full.
    /// Without other filters the first slice fills the page with as many primary-key reads as rows; a filter keeping one
    /// customer in eight reads a few slices, not all the ids. Each slice is still filtered, sorted and cut after the cursor
    /// by PostgreSQL, so a customer changed since the ids were read is kept or left out as the query says.
    /// </summary>
    public static async Task<List<Customer>> PageInOrderAsync(
        IQueryable<Customer> customers, List<Guid> idsInOrder, string sort, Cursor? after, int take, CancellationToken cancellationToken)
    {
        var rows = new List<Customer>(take);
        var start = after is null ? 0 : idsInOrder.IndexOf(Guid.Parse(after.Id)) + 1;
        for (var size = take; start < idsInOrder.Count && rows.Count < take; start += size, size *= 2)
        {
            var slice = idsInOrder.GetRange(start, Math.Min(size, idsInOrder.Count - start));
            rows.AddRange(await customers.WhereIdIn(slice).Page(sort, after).Take(take - rows.Count).ToListAsync(cancellationToken));
        }

        return rows;
    }

    /// <summary>
    /// The list orders each single-choice custom field gets a btree for, behind its value (see <see cref="CustomFieldIndexes"/>):
    /// by name and by creation time, either way. A filter on a choice then reads the page from its index, rare or common.
    /// </summary>
    public static readonly CustomFieldIndexOrder[] CustomFieldOrders = [new("name", "name, id"), new("created", "created_at, id")];

    /// <summary>Sorts, then starts after the cursor's row (see <see cref="Keyset"/>).</summary>
    public static IQueryable<Customer> Page(this IQueryable<Customer> customers, string sort, Cursor? cursor, ICustomerFilter? filter = null)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            // The same instant, read from the value's copy, whose (tier | lifecycle | grade, created at) indexes give the order.
            "createdAt" when filter is { Tier: not null } or { Lifecycle: not null } or { Grade.Length: > 0 } =>
                customers.OrderAfter(c => c.Value!.CustomerCreatedAt, c => c.Id, descending, cursor, Keyset.ParseTimeKey),
            "createdAt" => customers.OrderAfter(c => c.CreatedAt, c => c.Id, descending, cursor, Keyset.ParseTimeKey),
            "updatedAt" => customers.OrderAfter(c => c.UpdatedAt, c => c.Id, descending, cursor, Keyset.ParseTimeKey),
            _ => customers.OrderAfter(c => c.Name, c => c.Id, descending, cursor, key => key),
        };
    }

    /// <summary>False for a cursor of another sort order or one whose key is not of the sort's type.</summary>
    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') switch
        {
            "name" => true,
            CustomerSearch.Sort => CustomerSearch.TryParseKey(key, out _, out _),
            _ => Keyset.TimeKeyParses(key),
        });

    public static Cursor CursorAfter(Customer last, string sort) => sort.TrimStart('-') switch
    {
        "createdAt" => new Cursor(sort, Keyset.TimeKey(last.CreatedAt), last.Id.ToString()),
        "updatedAt" => new Cursor(sort, Keyset.TimeKey(last.UpdatedAt), last.Id.ToString()),
        _ => new Cursor(sort, last.Name, last.Id.ToString()),
    };


    internal static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

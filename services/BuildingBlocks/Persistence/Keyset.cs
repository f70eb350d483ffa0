using System.Globalization;
using System.Linq.Expressions;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.Persistence;

/// <summary>
/// Keyset paging: order by a key and the row id, and start after the cursor's row with the row comparison
/// <c>(key, id) &gt; (@key, @id)</c>, which reads a matching (key, id) index from the cursor on however deep the page.
/// </summary>
public static class Keyset
{
    public static IQueryable<T> OrderAfter<T, TKey>(
        this IQueryable<T> rows, Expression<Func<T, TKey>> key, Expression<Func<T, Guid>> id, bool descending, Cursor? after,
        Func<string, TKey> parseKey)
    {
        if (after is not null)
        {
            var value = parseKey(after.Key);
            var afterId = Guid.Parse(after.Id);
            Expression<Func<TKey, Guid, bool>> beyond = descending
                ? (k, i) => EF.Functions.LessThan(ValueTuple.Create(k, i), ValueTuple.Create(value, afterId))
                : (k, i) => EF.Functions.GreaterThan(ValueTuple.Create(k, i), ValueTuple.Create(value, afterId));
            var row = key.Parameters[0];
            var body = new ParameterReplacer(new Dictionary<ParameterExpression, Expression>
            {
                [beyond.Parameters[0]] = key.Body,
                [beyond.Parameters[1]] = new ParameterReplacer(new Dictionary<ParameterExpression, Expression> { [id.Parameters[0]] = row }).Visit(id.Body),
            }).Visit(beyond.Body);
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
        }

        return descending ? rows.OrderByDescending(key).ThenByDescending(id) : rows.OrderBy(key).ThenBy(id);
    }

    /// <summary>
    /// Whether a cursor some client sent can be used for <paramref name="sort"/>: one made up, or copied from a list
    /// sorted otherwise, is refused as a 400 instead of failing inside the query.
    /// </summary>
    public static bool IsUsable(string? text, string sort, Func<string, bool> keyParses) =>
        Cursor.TryDecode(text, sort, out var cursor)
        && (cursor is null || (Guid.TryParse(cursor.Id, out _) && keyParses(cursor.Key)));

    /// <summary>An instant as a cursor key: round-trip text, so the next page starts after the exact tick.</summary>
    public static string TimeKey(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant of a time key, in UTC: a cursor a client made up may carry another offset, which PostgreSQL's
    /// timestamptz parameters refuse.
    /// </summary>
    public static DateTimeOffset ParseTimeKey(string key) =>
        DateTimeOffset.Parse(key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();

    public static bool TimeKeyParses(string key) => DateTimeOffset.TryParse(key, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private sealed class ParameterReplacer(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}

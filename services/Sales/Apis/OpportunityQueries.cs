using System.Globalization;
using System.Linq.Expressions;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Filters and keyset paging for the opportunity list and the board.</summary>
public static class OpportunityQueries
{
    /// <summary>Narrows to one owner and/or the members of one team; never widens what the caller may see.</summary>
    public static IQueryable<Opportunity> OwnedBy(this IQueryable<Opportunity> opportunities, SalesDbContext db, Guid? ownerId, Guid? teamId)
    {
        if (ownerId is { } owner)
        {
            opportunities = opportunities.Where(o => o.OwnerId == owner);
        }

        if (teamId is { } team)
        {
            opportunities = opportunities.Where(o => db.Users.Any(user => user.Id == o.OwnerId && user.TeamId == team));
        }

        return opportunities;
    }

    public static IQueryable<Opportunity> Filter(this IQueryable<Opportunity> opportunities, SalesDbContext db, ListOpportunitiesQuery query)
    {
        opportunities = opportunities.OwnedBy(db, query.OwnerId, query.TeamId);
        if (query.PipelineId is { } pipelineId)
        {
            opportunities = opportunities.Where(o => o.PipelineId == pipelineId);
        }

        if (query.StageId is { } stageId)
        {
            opportunities = opportunities.Where(o => o.StageId == stageId);
        }

        if (query.CustomerId is { } customerId)
        {
            opportunities = opportunities.Where(o => o.CustomerId == customerId);
        }

        if (query.Status is { } status)
        {
            opportunities = opportunities.Where(o => o.Status == status);
        }

        if (query.CloseFrom is { } from)
        {
            opportunities = opportunities.Where(o => o.ExpectedCloseDate >= from);
        }

        if (query.CloseTo is { } to)
        {
            opportunities = opportunities.Where(o => o.ExpectedCloseDate <= to);
        }

        return opportunities;
    }

    /// <summary>
    /// Sorts, then starts after the cursor's row. The id breaks ties so the order is total, and the row comparison
    /// <c>(key, id) &gt; (@key, @id)</c> reads the matching index from the cursor on.
    /// </summary>
    public static IQueryable<Opportunity> Page(this IQueryable<Opportunity> opportunities, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            "name" => opportunities.KeysetBy(o => o.Name, descending, after, key => key),
            "amount" => opportunities.KeysetBy(o => o.Amount, descending, after, key => decimal.Parse(key, CultureInfo.InvariantCulture)),
            "createdAt" => opportunities.KeysetBy(o => o.CreatedAt, descending, after, key => DateTimeOffset.Parse(key, CultureInfo.InvariantCulture)),
            _ => opportunities.KeysetBy(o => o.ExpectedCloseDate, descending, after, key => DateOnly.Parse(key, CultureInfo.InvariantCulture)),
        };
    }

    public static Cursor CursorAfter(Opportunity last, string sort) => new(sort, sort.TrimStart('-') switch
    {
        "name" => last.Name,
        "amount" => last.Amount.ToString(CultureInfo.InvariantCulture),
        "createdAt" => last.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        _ => last.ExpectedCloseDate.ToString("O", CultureInfo.InvariantCulture),
    }, last.Id);

    /// <summary>False for a cursor of another sort order or one whose key is not of the sort's type.</summary>
    public static bool TryReadCursor(string? text, string sort, out Cursor? cursor)
    {
        if (!Cursor.TryDecode(text, sort, out cursor))
        {
            return false;
        }

        return cursor is null || sort.TrimStart('-') switch
        {
            "name" => true,
            "amount" => decimal.TryParse(cursor.Key, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            "createdAt" => DateTimeOffset.TryParse(cursor.Key, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => DateOnly.TryParse(cursor.Key, CultureInfo.InvariantCulture, out _),
        };
    }

    private static IQueryable<Opportunity> KeysetBy<TKey>(
        this IQueryable<Opportunity> opportunities, Expression<Func<Opportunity, TKey>> key, bool descending, Cursor? after, Func<string, TKey> parse)
    {
        if (after is not null)
        {
            var value = parse(after.Key);
            var id = after.Id;
            Expression<Func<TKey, Guid, bool>> beyond = descending
                ? (k, i) => EF.Functions.LessThan(ValueTuple.Create(k, i), ValueTuple.Create(value, id))
                : (k, i) => EF.Functions.GreaterThan(ValueTuple.Create(k, i), ValueTuple.Create(value, id));
            var row = key.Parameters[0];
            var body = new ParameterReplacer(new Dictionary<ParameterExpression, Expression>
            {
                [beyond.Parameters[0]] = key.Body,
                [beyond.Parameters[1]] = Expression.Property(row, nameof(Opportunity.Id)),
            }).Visit(beyond.Body);
            opportunities = opportunities.Where(Expression.Lambda<Func<Opportunity, bool>>(body, row));
        }

        return descending
            ? opportunities.OrderByDescending(key).ThenByDescending(o => o.Id)
            : opportunities.OrderBy(key).ThenBy(o => o.Id);
    }

    private sealed class ParameterReplacer(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}

using Crm.BuildingBlocks.Persistence;
using System.Globalization;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Filters and keyset paging for the opportunity list and the board.</summary>
public static class OpportunityQueries
{
    /// <summary>
    /// Narrows deals, or their pre-summed totals, to one owner and/or the members of one team (as the user directory
    /// copy says now); never widens what the caller may see.
    /// </summary>
    public static IQueryable<T> OwnedBy<T>(this IQueryable<T> records, SalesDbContext db, Guid? ownerId, Guid? teamId)
        where T : class, IOwnedByRep
    {
        if (ownerId is { } owner)
        {
            records = records.Where(record => record.OwnerId == owner);
        }

        if (teamId is { } team)
        {
            records = records.Where(record => db.Users.Any(user => user.Id == record.OwnerId && user.TeamId == team));
        }

        return records;
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

    /// <summary>Sorts, then starts after the cursor's row (see <see cref="Keyset"/>).</summary>
    public static IQueryable<Opportunity> Page(this IQueryable<Opportunity> opportunities, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            "name" => opportunities.OrderAfter(o => o.Name, o => o.Id, descending, after, key => key),
            "amount" => opportunities.OrderAfter(o => o.Amount, o => o.Id, descending, after, key => decimal.Parse(key, CultureInfo.InvariantCulture)),
            "createdAt" => opportunities.OrderAfter(o => o.CreatedAt, o => o.Id, descending, after, Keyset.ParseTimeKey),
            _ => opportunities.OrderAfter(o => o.ExpectedCloseDate, o => o.Id, descending, after, key => DateOnly.Parse(key, CultureInfo.InvariantCulture)),
        };
    }

    public static Cursor CursorAfter(Opportunity last, string sort) => new(sort, sort.TrimStart('-') switch
    {
        "name" => last.Name,
        "amount" => last.Amount.ToString(CultureInfo.InvariantCulture),
        "createdAt" => Keyset.TimeKey(last.CreatedAt),
        _ => last.ExpectedCloseDate.ToString("O", CultureInfo.InvariantCulture),
    }, last.Id.ToString());

    /// <summary>False for a cursor of another sort order or one whose key is not of the sort's type.</summary>
    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') switch
        {
            "name" => true,
            "amount" => decimal.TryParse(key, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            "createdAt" => Keyset.TimeKeyParses(key),
            _ => DateOnly.TryParse(key, CultureInfo.InvariantCulture, out _),
        });
}

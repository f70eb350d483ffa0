using System.Globalization;
using Crm.BuildingBlocks.Persistence;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Paging;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>Filters, search and keyset paging for the lead list.</summary>
public static class LeadQueries
{
    public static IQueryable<Lead> Filter(this IQueryable<Lead> leads, SalesDbContext db, ListLeadsQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{EscapeLike(query.Q.Trim())}%";
            leads = leads.Where(lead => EF.Functions.ILike(lead.Name, pattern, "\\") ||
                (lead.Company != null && EF.Functions.ILike(lead.Company, pattern, "\\")) ||
                (lead.Email != null && EF.Functions.ILike(lead.Email, pattern, "\\")));
        }

        if (query.Status is { } status)
        {
            leads = leads.Where(lead => lead.Status == status);
        }

        if (query.OwnerId is { } owner)
        {
            leads = leads.Where(lead => lead.OwnerId == owner);
        }

        if (query.TeamId is { } team)
        {
            leads = leads.Where(lead => db.Users.Any(user => user.Id == lead.OwnerId && user.TeamId == team));
        }

        if (query.Unassigned == true)
        {
            leads = leads.Where(lead => lead.OwnerId == null);
        }

        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            var source = query.Source.Trim().ToLower();
            leads = leads.Where(lead => lead.Source != null && lead.Source.ToLower() == source);
        }

        if (query.CampaignId is { } campaign)
        {
            leads = leads.Where(lead => lead.CampaignId == campaign);
        }

        return leads;
    }

    public static IQueryable<Lead> Page(this IQueryable<Lead> leads, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            "name" => leads.OrderAfter(lead => lead.Name, lead => lead.Id, descending, after, key => key),
            "score" => leads.OrderAfter(lead => lead.Score, lead => lead.Id, descending, after, key => int.Parse(key, CultureInfo.InvariantCulture)),
            _ => leads.OrderAfter(lead => lead.CreatedAt, lead => lead.Id, descending, after, Keyset.ParseTimeKey),
        };
    }

    public static Cursor CursorAfter(Lead last, string sort) => new(sort, sort.TrimStart('-') switch
    {
        "name" => last.Name,
        "score" => last.Score.ToString(CultureInfo.InvariantCulture),
        _ => Keyset.TimeKey(last.CreatedAt),
    }, last.Id.ToString());

    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') switch
        {
            "name" => true,
            "score" => int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            _ => Keyset.TimeKeyParses(key),
        });

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

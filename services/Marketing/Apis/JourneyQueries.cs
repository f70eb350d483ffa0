using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Paging;

namespace Crm.Marketing.Apis;

/// <summary>The journey list's sort orders as keyset pages: the sort key, then the id, so equal keys page without gaps.</summary>
public static class JourneyQueries
{
    public static IQueryable<Journey> Page(this IQueryable<Journey> journeys, string sort, Cursor? after)
    {
        var descending = sort.StartsWith('-');
        return sort.TrimStart('-') switch
        {
            "name" => journeys.OrderAfter(journey => journey.Name, journey => journey.Id, descending, after, key => key),
            "updatedAt" => journeys.OrderAfter(journey => journey.UpdatedAt, journey => journey.Id, descending, after, Keyset.ParseTimeKey),
            _ => journeys.OrderAfter(journey => journey.CreatedAt, journey => journey.Id, descending, after, Keyset.ParseTimeKey),
        };
    }

    public static Cursor CursorAfter(Journey last, string sort) => new(sort, sort.TrimStart('-') switch
    {
        "name" => last.Name,
        "updatedAt" => Keyset.TimeKey(last.UpdatedAt),
        _ => Keyset.TimeKey(last.CreatedAt),
    }, last.Id.ToString());

    public static bool IsUsableCursor(string? text, string sort) =>
        Keyset.IsUsable(text, sort, key => sort.TrimStart('-') == "name" || Keyset.TimeKeyParses(key));
}

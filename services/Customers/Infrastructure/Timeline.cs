using System.Text.Json;
using Crm.Customers.Model;

namespace Crm.Customers.Infrastructure;

/// <summary>Adds timeline entries to the unit of work, so an entry commits with the change it tells of.</summary>
public static class Timeline
{
    public const string ThisService = "customers";

    public static void AddTimelineEntry(
        this CustomersDbContext db, Guid customerId, DateTimeOffset occurredAt, string kind, string summary,
        object? data = null, string? actorId = null, string service = ThisService, string? sourceReference = null) =>
        db.TimelineEntries.Add(Entry(customerId, occurredAt, kind, summary, data, actorId, service, sourceReference));

    /// <summary>The entry <see cref="AddTimelineEntry"/> adds, for a writer that stores many at once.</summary>
    public static TimelineEntry Entry(
        Guid customerId, DateTimeOffset occurredAt, string kind, string summary,
        object? data = null, string? actorId = null, string service = ThisService, string? sourceReference = null) =>
        new()
        {
            CustomerId = customerId,
            OccurredAt = occurredAt,
            Service = service,
            Kind = kind,
            Summary = summary,
            Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            ActorId = actorId,
            SourceReference = sourceReference,
        };

    /// <summary>A change as <c>{ "region": { "before": "EMEA", "after": "APAC" } }</c>.</summary>
    public static Dictionary<string, object?> BeforeAndAfter(IEnumerable<FieldChange> changes) =>
        changes.ToDictionary(change => change.Field, change => (object?)new { before = change.Before, after = change.After });
}

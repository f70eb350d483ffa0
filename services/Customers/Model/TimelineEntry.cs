namespace Crm.Customers.Model;

/// <summary>
/// One thing that happened to a customer, in this service or another; the timeline is every entry of a customer,
/// newest first. Entries are kept for good and never changed.
/// </summary>
public class TimelineEntry
{
    public long Id { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The service it happened in: customers, sales, marketing or support.</summary>
    public required string Service { get; set; }

    /// <summary>What happened, dotted: <c>customer.updated</c>, <c>purchase.recorded</c>, <c>deal.won</c>.</summary>
    public required string Kind { get; set; }

    public required string Summary { get; set; }

    /// <summary>The details as JSON: a change's before and after values, a purchase's amount.</summary>
    public string? Data { get; set; }

    public string? ActorId { get; set; }

    /// <summary>The event or record it came from, unique per service, so a redelivered event adds no second entry.</summary>
    public string? SourceReference { get; set; }
}

namespace Crm.Support.Model;

/// <summary>
/// A proactive check-in: every <see cref="CadenceDays"/> days, each customer of the chosen tiers gets a ticket in the
/// plan's team's queue, so someone calls them before they call us.
/// </summary>
public class CarePlan
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The tiers whose customers are checked in on; a customer without a tier counts as General.</summary>
    public List<CustomerTier> Tiers { get; set; } = [];

    public int CadenceDays { get; set; }
    public Guid? TeamId { get; set; }

    /// <summary>The subject of the check-in tickets.</summary>
    public required string Subject { get; set; }

    /// <summary>When the next round of check-in tickets is due; a durable timer fires it.</summary>
    public DateTimeOffset NextRunAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}

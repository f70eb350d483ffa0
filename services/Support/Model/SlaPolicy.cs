namespace Crm.Support.Model;

/// <summary>
/// The targets for tickets of customers in one tier, per priority, counted on a calendar. One policy per tier; a
/// customer without a tier gets the General policy.
/// </summary>
public class SlaPolicy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public CustomerTier Tier { get; set; }
    public Guid CalendarId { get; set; }
    public List<SlaTarget> Targets { get; set; } = [];

    /// <summary>A warning goes out when this share of a target's working time has passed.</summary>
    public int WarningPercent { get; set; } = 80;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    public SlaTarget? TargetFor(TicketPriority priority) => Targets.FirstOrDefault(target => target.Priority == priority);
}

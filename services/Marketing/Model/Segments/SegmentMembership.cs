namespace Crm.Marketing.Model.Segments;

/// <summary>A contact that matches a segment's rules now; the row exists exactly while the contact is a member.</summary>
public class SegmentMembership
{
    public Guid SegmentId { get; set; }
    public Guid ContactId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}

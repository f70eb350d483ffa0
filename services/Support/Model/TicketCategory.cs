namespace Crm.Support.Model;

/// <summary>
/// A kind of ticket administrators define (seeded: question, service request, complaint, incident). Tickets, assignment
/// rules and surveys store the <see cref="Key"/>, which never changes, so renaming a category relabels its whole
/// history instead of splitting it; a category no longer wanted is retired (<see cref="IsActive"/> false), and one
/// nothing refers to may be deleted.
/// </summary>
public class TicketCategory
{
    public const string Question = "Question";
    public const string ServiceRequest = "ServiceRequest";
    public const string Complaint = "Complaint";
    public const string Incident = "Incident";

    /// <summary>Care-plan check-ins are service requests, so that category cannot be deleted.</summary>
    public const string CheckIn = ServiceRequest;

    public const int MaxKeyLength = 32;
    public const int MaxNameLength = 100;

    /// <summary>The stable identifier (letters and digits, e.g. <c>Complaint</c>) that records refer to.</summary>
    public required string Key { get; set; }

    /// <summary>What people read; administrators may rename it.</summary>
    public required string Name { get; set; }

    /// <summary>A retired category stays on its tickets and in metrics but takes no new tickets or rules.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

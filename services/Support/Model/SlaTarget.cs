namespace Crm.Support.Model;

/// <summary>How much working time support has for a ticket of <paramref name="Priority"/>, in minutes.</summary>
public sealed record SlaTarget(TicketPriority Priority, int FirstResponseMinutes, int ResolutionMinutes);

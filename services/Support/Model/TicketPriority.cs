namespace Crm.Support.Model;

/// <summary>In rising order of urgency: the numbers are stored, so sorting by priority sorts by urgency.</summary>
public enum TicketPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

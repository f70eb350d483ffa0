namespace Crm.Support.Model;

/// <summary>How the customer reached support.</summary>
public enum TicketChannel
{
    Web,
    Email,
    Phone,
    Api,
}

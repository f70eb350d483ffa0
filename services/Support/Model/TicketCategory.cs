namespace Crm.Support.Model;

public enum TicketCategory
{
    Question,
    ServiceRequest,
    Complaint,
    Incident,
}

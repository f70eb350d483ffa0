namespace Crm.Contracts.Support;

/// <summary>A support ticket was created for a customer.</summary>
/// <param name="Category">Question, ServiceRequest, Complaint or Incident.</param>
/// <param name="Priority">Low, Normal, High or Urgent.</param>
/// <param name="Channel">Web, Email, Phone or Api.</param>
public sealed record TicketOpened(
    Guid TicketId,
    Guid CustomerId,
    string Subject,
    string Category,
    string Priority,
    string Channel,
    Guid? TeamId,
    Guid? AssigneeId,
    DateTimeOffset OccurredAt);

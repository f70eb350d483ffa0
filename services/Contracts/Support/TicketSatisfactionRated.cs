namespace Crm.Contracts.Support;

/// <summary>
/// A customer answered the satisfaction survey sent when their ticket was resolved (once per survey). The customer
/// service puts it on the customer's timeline; reporting can follow CSAT per agent, team and category.
/// </summary>
/// <param name="Rating">1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Category">Question, ServiceRequest, Complaint or Incident.</param>
/// <param name="AgentId">Who had the ticket when it was resolved.</param>
public sealed record TicketSatisfactionRated(
    Guid SurveyId,
    Guid TicketId,
    Guid CustomerId,
    int Rating,
    string? Comment,
    string Category,
    Guid? AgentId,
    Guid? TeamId,
    DateTimeOffset RatedAt);

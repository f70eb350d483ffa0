namespace Crm.Contracts.Customers;

/// <summary>The customer moved to another lifecycle stage.</summary>
/// <param name="Stage">Prospect, New, Active, Loyal, AtRisk or Churned.</param>
public sealed record CustomerLifecycleChanged(Guid CustomerId, string Stage, string? PreviousStage, DateTimeOffset OccurredAt);

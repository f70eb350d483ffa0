namespace Crm.Customers.Model.Valuation;

/// <summary>
/// A deal of the customer in sales, as its latest event told; a prospect's predicted value counts it while it is open.
/// A closed deal stays as a tombstone (<see cref="IsClosed"/>), so that an older event arriving late cannot reopen it.
/// </summary>
public class OpenOpportunity
{
    public Guid OpportunityId { get; set; }
    public Guid CustomerId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }

    /// <summary>Win probability, 0–100.</summary>
    public int Probability { get; set; }

    /// <summary>Won or lost: no longer part of the open pipeline.</summary>
    public bool IsClosed { get; set; }

    /// <summary>When the event this row reflects happened in sales.</summary>
    public DateTimeOffset AsOf { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

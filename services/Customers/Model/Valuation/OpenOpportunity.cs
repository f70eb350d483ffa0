namespace Crm.Customers.Model.Valuation;

/// <summary>A deal still open in sales for the customer, as its events told; a prospect's predicted value counts it.</summary>
public class OpenOpportunity
{
    public Guid OpportunityId { get; set; }
    public Guid CustomerId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }

    /// <summary>Win probability, 0–100.</summary>
    public int Probability { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

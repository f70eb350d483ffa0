namespace Crm.Customers.Model.Valuation;

/// <summary>The customer's latest lead score from marketing; a prospect's predicted value counts it.</summary>
public class LeadScore
{
    public Guid CustomerId { get; set; }
    public int Score { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

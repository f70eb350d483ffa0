namespace Crm.Customers.Model.Valuation;

/// <summary>The customer's latest lead score from marketing; a prospect's predicted value counts it.</summary>
public class LeadScore
{
    public Guid CustomerId { get; set; }
    public int Score { get; set; }

    /// <summary>When marketing scored it: an event older than this arrived late and must not overwrite it.</summary>
    public DateTimeOffset ScoredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

namespace Crm.Sales.Model;

/// <summary>A rep's won-revenue target for one month, in one currency, set by a manager or an administrator.</summary>
public class Quota
{
    public Guid UserId { get; set; }

    /// <summary>The first day of the month the target is for.</summary>
    public DateOnly Month { get; set; }

    public required string Currency { get; set; }
    public decimal Amount { get; set; }
}

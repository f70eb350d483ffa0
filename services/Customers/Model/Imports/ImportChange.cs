namespace Crm.Customers.Model.Imports;

/// <summary>What one row did to one customer, kept so the import can be reverted.</summary>
public class ImportChange
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Row { get; set; }
    public Guid CustomerId { get; set; }
    public bool WasCreated { get; set; }

    /// <summary>For an update: the customer's fields before the row was applied, as JSON.</summary>
    public string? Before { get; set; }

    /// <summary>The customer's revision right after the import; a revert leaves alone what changed since.</summary>
    public int RevisionAfter { get; set; }

    public bool Reverted { get; set; }
}

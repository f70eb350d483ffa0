namespace Crm.Customers.Model.Imports;

/// <summary>
/// What an import did, kept so that it can be reverted: the customers one batch created (one record for the whole batch,
/// so an import writes one of these per batch rather than per customer), or the one customer one row updated.
/// </summary>
public class ImportChange
{
    public long Id { get; set; }
    public Guid JobId { get; set; }

    /// <summary>The file rows that made the changes, one per entry of <see cref="CustomerIds"/>.</summary>
    public int[] Rows { get; set; } = [];

    public Guid[] CustomerIds { get; set; } = [];
    public bool WasCreated { get; set; }

    /// <summary>For an update: the customer's fields before the row was applied, as JSON.</summary>
    public string? Before { get; set; }

    /// <summary>The customers' revision right after the import; a revert leaves alone what changed since.</summary>
    public int RevisionAfter { get; set; }

    public bool Reverted { get; set; }
}

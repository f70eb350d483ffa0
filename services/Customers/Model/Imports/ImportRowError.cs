namespace Crm.Customers.Model.Imports;

/// <summary>Why a row was not imported (or, while reverting, why a change was left as it is).</summary>
public class ImportRowError
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Row { get; set; }

    /// <summary>The spreadsheet column (its header) or the field the problem is about, if any.</summary>
    public string? Column { get; set; }

    public required string Message { get; set; }

    /// <summary>True when the row was skipped on purpose (a duplicate, no match), false when it was at fault.</summary>
    public bool IsSkip { get; set; }
}

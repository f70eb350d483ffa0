namespace Crm.Customers.Model.Imports;

/// <summary>
/// A spreadsheet being imported in the background. The file is kept with the job (<see cref="ImportFile"/>) and <see cref="RowsDone"/> commits
/// with each batch, so a restart carries on after the last committed row; the lease lets one replica work on it.
/// </summary>
public class ImportJob
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public ImportMode Mode { get; set; }

    /// <summary>Which fields identify an existing customer, tried in order: email, phone, name.</summary>
    public List<string> MatchOn { get; set; } = [];

    /// <summary>Column index → field, as resolved (and possibly overridden) when the job was created.</summary>
    public Dictionary<int, ImportField> Columns { get; set; } = [];

    /// <summary>Column index → custom field key.</summary>
    public Dictionary<int, string> CustomColumns { get; set; } = [];

    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int RowsDone { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }

    /// <summary>While reverting: how many changes were undone, and how many were left because the record changed since.</summary>
    public int Reverted { get; set; }
    public int RevertConflicts { get; set; }

    public Guid? CreatedBy { get; set; }
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>
    /// Tries at the current batch, this one included: each take-over of the job counts one, a committed batch starts the
    /// count again at one. Past <c>Customers:Imports:MaxAttempts</c> the job fails instead of being retried for ever.
    /// </summary>
    public int Attempts { get; set; }

    /// <summary>Why the latest try at the current batch failed; cleared when a batch commits.</summary>
    public string? LastError { get; set; }

    public string? LeaseHolder { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public uint Version { get; set; }

    /// <summary>What a committed batch (or revert batch) does to the job: the lease runs on, the tries start again at one.</summary>
    public void BatchCommitted(DateTimeOffset leaseUntil) => (LeaseUntil, Attempts, LastError) = (leaseUntil, 1, null);
}

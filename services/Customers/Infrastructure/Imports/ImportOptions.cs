namespace Crm.Customers.Infrastructure.Imports;

/// <summary>Configuration section <c>Customers:Imports</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Customers:Imports";

    /// <summary>How often a replica looks for queued imports, and for ones whose worker stopped.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica holds an import without committing a batch before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many times a batch that fails (other than by a concurrent edit) is tried, one try per lease period, before the
    /// job fails with the last error.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;
}

namespace Crm.Customers.Infrastructure.Imports;

public enum ImportAction
{
    Create,
    Update,
    Skip,
    Fail,
}

/// <summary>What a row does (or, in a dry run, would do), and why.</summary>
/// <param name="CustomerId">The customer created or updated; for a skipped duplicate, the one it matched.</param>
public sealed record RowOutcome(int Row, ImportAction Action, Guid? CustomerId, IReadOnlyList<RowProblem> Problems);

/// <param name="Column">The header of the cell at fault, when one is.</param>
public sealed record RowProblem(string? Column, string Message);

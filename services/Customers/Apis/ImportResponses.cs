using Crm.Customers.Infrastructure.Imports;
using Crm.Customers.Model.Imports;

namespace Crm.Customers.Apis;

/// <summary>Which field each column fills, and the columns left out.</summary>
public sealed record ColumnMappingResponse(IReadOnlyDictionary<string, string> Columns, IReadOnlyList<string> Ignored)
{
    /// <param name="customColumns">Column index → custom field key, shown as <c>customFields.key</c>.</param>
    public static ColumnMappingResponse From(
        IReadOnlyList<string> headers, IReadOnlyDictionary<int, ImportField> columns, IReadOnlyDictionary<int, string> customColumns) => new(
        columns.Select(column => (column.Key, Field: System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(column.Value.ToString())))
            .Concat(customColumns.Select(column => (column.Key, Field: $"customFields.{column.Value}")))
            .OrderBy(column => column.Key).ToDictionary(column => headers[column.Key], column => column.Field),
        [.. headers.Where((_, index) => !columns.ContainsKey(index) && !customColumns.ContainsKey(index))]);
}

/// <summary>A dry run: what each row would do, without changing anything.</summary>
/// <param name="Rows">Every row's outcome (the first 10,000 when the file is longer; the counts cover all rows).</param>
public sealed record ImportDryRunResponse(
    int TotalRows, int WouldCreate, int WouldUpdate, int WouldSkip, int Invalid, ColumnMappingResponse Mapping, IReadOnlyList<RowOutcomeResponse> Rows);

public sealed record RowOutcomeResponse(int Row, string Action, Guid? CustomerId, IReadOnlyList<RowProblem> Problems)
{
    public static RowOutcomeResponse From(RowOutcome outcome) =>
        new(outcome.Row, outcome.Action.ToString(), outcome.CustomerId, outcome.Problems);
}

public sealed record ImportJobResponse(
    Guid Id, string FileName, ImportMode Mode, IReadOnlyList<string> MatchOn, ImportStatus Status, int TotalRows, int RowsDone,
    int Created, int Updated, int Skipped, int Failed, int Reverted, int RevertConflicts, string? FailureReason, int Attempts, string? LastError,
    Guid? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static ImportJobResponse From(ImportJob job) => new(
        job.Id, job.FileName, job.Mode, job.MatchOn, job.Status, job.TotalRows, job.RowsDone, job.Created, job.Updated, job.Skipped,
        job.Failed, job.Reverted, job.RevertConflicts, job.FailureReason, job.Attempts, job.LastError, job.CreatedBy, job.CreatedAt,
        job.CompletedAt);
}

/// <param name="Skipped">True for a row left out on purpose (a duplicate, no match), false for a row at fault.</param>
public sealed record ImportRowProblemResponse(int Row, string? Column, string Message, bool Skipped);

using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Infrastructure;
using Crm.Customers.Infrastructure.Imports;
using Crm.Customers.Model.Imports;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Paging;
using Crm.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>Spreadsheets in: checked by a dry run, imported in the background, and revertible. Bulk changes are for few roles.</summary>
public static class CustomerImportsApi
{
    private const int MaxDryRunRowsListed = 10_000;

    public static IEndpointRouteBuilder MapCustomerImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup($"{CustomersApi.Prefix}/imports").WithTags("Customer imports").RequireRoles(CrmRoles.Exporters);
        imports.MapPost("/", StartImport).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(ImportUpload.MaxFileBytes + 1024 * 1024))
            .Accepts<IFormFile>("multipart/form-data").ProducesValidationProblem()
            .WithSummary("Uploads a CSV or XLSX file: a dry run answers with each row's outcome; otherwise the import runs in the background (202).");
        imports.MapGet("/", ListImports).WithValidation<PageQuery>().WithSummary("Imports, newest first.");
        imports.MapGet("/{id:guid}", GetImport).WithSummary("An import's progress: rows done of total, created, updated, skipped, failed.");
        imports.MapGet("/{id:guid}/problems", ListProblems).WithValidation<PageQuery>()
            .WithSummary("The rows that failed (with the column at fault) or were skipped (with why), in row order.");
        imports.MapPost("/{id:guid}/revert", RevertImport)
            .WithSummary("Undoes a completed or failed import in the background: created customers removed, updated ones restored.");
        return app;
    }

    public static async Task<Results<Ok<ImportDryRunResponse>, Accepted<ImportJobResponse>, ValidationProblem>> StartImport(
        HttpRequest request, CurrentUser caller, CustomersDbContext db, ImportProcessor processor, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (upload, errors) = await ImportUpload.ReadAsync(request, cancellationToken);
        if (upload is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Spreadsheet sheet;
        try
        {
            sheet = Spreadsheet.Read(upload.FileName, upload.Content);
        }
        catch (UnreadableSpreadsheetException exception)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [exception.Message] });
        }

        var customFields = await db.DefinitionsAsync(cancellationToken);
        var columns = ColumnMapping.Resolve(sheet.Headers, upload.Mapping, customFields, out var customColumns, out var mappingProblems);
        if (mappingProblems.Count > 0)
        {
            return TypedResults.ValidationProblem(mappingProblems.ToDictionary(problem => $"mapping.{problem.Key}", problem => new[] { problem.Value }));
        }

        if (!columns.ContainsValue(ImportField.Name) && !columns.ContainsValue(ImportField.Company) && upload.Mode != ImportMode.UpdateOnly)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["mapping"] = ["No column holds the name (or company); map one, e.g. {\"Kunde\": \"name\"}."],
            });
        }

        if (upload.DryRun)
        {
            var settings = new ImportProcessor.Settings(upload.Mode, upload.MatchOn, sheet.Headers, columns, customColumns, customFields);
            return TypedResults.Ok(await DryRunAsync(sheet, settings, upload, caller.UserId ?? Guid.Empty, processor, cancellationToken));
        }

        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(now), FileName = upload.FileName, Mode = upload.Mode, MatchOn = [.. upload.MatchOn], Columns = columns,
            CustomColumns = customColumns,
            Status = ImportStatus.Queued, TotalRows = sheet.Rows.Count, CreatedBy = caller.UserId, CreatedByName = caller.Name, CreatedAt = now,
        };
        db.ImportJobs.Add(job);
        db.ImportFiles.Add(new ImportFile { JobId = job.Id, Content = upload.Content });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"{CustomersApi.Prefix}/imports/{job.Id}", ImportJobResponse.From(job));
    }

    private static async Task<ImportDryRunResponse> DryRunAsync(
        Spreadsheet sheet, ImportProcessor.Settings settings, ImportUpload upload, Guid ownerId, ImportProcessor processor,
        CancellationToken cancellationToken)
    {
        var memory = new ImportProcessor.Memory();
        var outcomes = new List<RowOutcome>(sheet.Rows.Count);
        for (var start = 0; start < sheet.Rows.Count; start += ImportProcessor.BatchSize)
        {
            var rows = sheet.Rows.Skip(start).Take(ImportProcessor.BatchSize).Select((cells, offset) => ImportedRow.From(start + offset + 2, cells, settings.Columns, settings.CustomColumns)).ToList();
            outcomes.AddRange((await processor.DecideAsync(rows, settings, memory, ownerId, jobId: null, apply: false, previous: null, cancellationToken)).Outcomes);
        }

        return new ImportDryRunResponse(
            sheet.Rows.Count,
            outcomes.Count(o => o.Action == ImportAction.Create), outcomes.Count(o => o.Action == ImportAction.Update),
            outcomes.Count(o => o.Action == ImportAction.Skip), outcomes.Count(o => o.Action == ImportAction.Fail),
            ColumnMappingResponse.From(sheet.Headers, settings.Columns, settings.CustomColumns),
            [.. outcomes.Take(MaxDryRunRowsListed).Select(RowOutcomeResponse.From)]);
    }

    public static async Task<Ok<PagedResponse<ImportJobResponse>>> ListImports(
        [AsParameters] PageQuery query, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var jobs = db.ImportJobs.AsNoTracking().OrderByDescending(job => job.CreatedAt).ThenByDescending(job => job.Id);
        var total = await jobs.LongCountAsync(cancellationToken);
        var page = await jobs.Skip(query.SkipOf()).Take(query.PageSizeOf()).ToListAsync(cancellationToken);
        return TypedResults.Ok(PagedResponse<ImportJobResponse>.Of([.. page.Select(ImportJobResponse.From)], query, total));
    }

    public static async Task<Results<Ok<ImportJobResponse>, NotFound>> GetImport(Guid id, CustomersDbContext db, CancellationToken cancellationToken) =>
        await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(job => job.Id == id, cancellationToken) is { } job
            ? TypedResults.Ok(ImportJobResponse.From(job))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<PagedResponse<ImportRowProblemResponse>>, NotFound>> ListProblems(
        Guid id, [AsParameters] PageQuery query, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.ImportJobs.AnyAsync(job => job.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var problems = db.ImportRowErrors.AsNoTracking().Where(error => error.JobId == id).OrderBy(error => error.Row).ThenBy(error => error.Id);
        var total = await problems.LongCountAsync(cancellationToken);
        var page = await problems.Skip(query.SkipOf()).Take(query.PageSizeOf())
            .Select(error => new ImportRowProblemResponse(error.Row, error.Column, error.Message, error.IsSkip)).ToListAsync(cancellationToken);
        return TypedResults.Ok(PagedResponse<ImportRowProblemResponse>.Of(page, query, total));
    }

    public static async Task<Results<Accepted<ImportJobResponse>, NotFound, ProblemHttpResult>> RevertImport(
        Guid id, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        if (job.Status is not (ImportStatus.Completed or ImportStatus.Failed))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a completed or failed import can be reverted.",
                detail: $"This import is {job.Status}.");
        }

        // A failed import's batches that did commit are undone like a completed one's; the revert gets its own tries.
        (job.Status, job.Attempts, job.LastError) = (ImportStatus.Reverting, 0, null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The import changed meanwhile.", detail: "Read it again.");
        }

        return TypedResults.Accepted($"{CustomersApi.Prefix}/imports/{id}", ImportJobResponse.From(job));
    }
}

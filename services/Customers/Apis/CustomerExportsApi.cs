using System.Globalization;
using ClosedXML.Excel;
using Crm.BuildingBlocks.CustomFields;
using Crm.Contracts.Audit;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Validation;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Apis;

/// <summary>Any filtered list as a spreadsheet. Exports take personal data out of the CRM, so few roles may and each is audited.</summary>
public static class CustomerExportsApi
{
    /// <summary>An XLSX file is built in memory; beyond this many rows CSV, which streams, is the format to use.</summary>
    public const int MaxXlsxRows = 100_000;

    private const string CsvContentType = "text/csv; charset=utf-8";
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapCustomerExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(CustomersApi.Prefix).WithTags("Customers")
            .MapGet("/exports", ExportCustomers)
            .WithValidation<ExportCustomersQuery>()
            .RequireRoles(CrmRoles.Exporters)
            .WithSummary("Exports the customers matching the list's filters as CSV or XLSX (administrators, sales managers, support leads; audited).");
        return app;
    }

    public static async Task<Results<PushStreamHttpResult, FileContentHttpResult, ValidationProblem>> ExportCustomers(
        [AsParameters] ExportCustomersQuery query, CurrentUser caller, CustomersDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (customFieldFilters, problem) = await db.CustomFieldFiltersAsync(http.Request.Query, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (grade, gradeProblem) = await CustomerQueries.KnownGradeAsync(db, query.Grade, cancellationToken);
        if (gradeProblem is not null)
        {
            return gradeProblem;
        }

        query = query with { Grade = grade };
        var (fewIds, valueFiltersMet, _) = await CustomerQueries.FewMatchesAsync(db, query, "name", customFieldFilters, cancellationToken);
        var filter = valueFiltersMet ? query with { Tier = null, Lifecycle = null, Grade = null } : query;
        var customers = db.Customers.AsNoTracking().Filter(filter).WhereIdIn(fewIds).WhereCustomFields(customFieldFilters).Page("name", cursor: null);
        var columns = CustomerColumns.With(await db.DefinitionsAsync(cancellationToken));
        var count = await customers.CountAsync(cancellationToken);
        if (query.FormatOrDefault == "xlsx" && count > MaxXlsxRows)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [$"An XLSX export holds at most {MaxXlsxRows} rows and this one has {count}; use format=csv, or narrow the filters."],
            });
        }

        var now = clock.GetUtcNow();
        db.AddIntegrationEvent(new SensitiveActionPerformed(
            Guid.CreateVersion7(now), "customers", "exported", caller.Subject, caller.Name, Target: "customers",
            Details: $"{count} customers as {query.FormatOrDefault}; filters: {http.Request.QueryString}",
            http.Connection.RemoteIpAddress?.ToString(), now));
        await db.SaveChangesAsync(cancellationToken);

        var fileName = $"customers-{now:yyyyMMdd-HHmmss}.{query.FormatOrDefault}";
        if (query.FormatOrDefault == "xlsx")
        {
            return TypedResults.File(await ToXlsxAsync(customers, columns, cancellationToken), XlsxContentType, fileName);
        }

        return TypedResults.Stream(stream => WriteCsvAsync(customers, columns, stream, cancellationToken), CsvContentType, fileName);
    }

    /// <summary>Streams row by row from the database to the client, so a large export never sits in memory.</summary>
    private static async Task WriteCsvAsync(IQueryable<Customer> customers, IReadOnlyList<CustomerColumn> columns, Stream body, CancellationToken cancellationToken)
    {
        // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection); it is escaped instead.
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var (header, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        await foreach (var customer in customers.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var (_, value) in columns)
            {
                csv.WriteField(value(customer) ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task<byte[]> ToXlsxAsync(IQueryable<Customer> customers, IReadOnlyList<CustomerColumn> columns, CancellationToken cancellationToken)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Customers");
        for (var column = 0; column < columns.Count; column++)
        {
            sheet.Cell(1, column + 1).Value = columns[column].Header;
        }

        var row = 2;
        await foreach (var customer in customers.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            for (var column = 0; column < columns.Count; column++)
            {
                // Text cells: an id or a phone number must not turn into a number or a date.
                sheet.Cell(row, column + 1).SetValue(columns[column].Value(customer) ?? "");
            }

            row++;
        }

        using var file = new MemoryStream();
        workbook.SaveAs(file);
        return file.ToArray();
    }
}

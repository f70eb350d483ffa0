using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.ServiceDefaults.Authentication;

namespace Crm.EndToEnd.Tests;

/// <summary>Exports: any filtered list, only for privileged roles, always audited, never a formula.</summary>
public sealed class CustomerExportTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(CrmRoles.SalesRep)]
    [InlineData(CrmRoles.Marketer)]
    [InlineData(CrmRoles.SupportAgent)]
    public async Task A_non_privileged_role_may_not_export(string role)
    {
        using var client = await system.SignedInAsync(await system.CreateUserAsync([role]));

        using var response = await client.GetAsync("/api/customers/exports?format=csv", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Problems.ShouldBeCleanProblemAsync(response, 403);
    }

    [Fact]
    public async Task A_manager_exports_the_filtered_list_as_csv_and_the_export_is_audited()
    {
        var manager = await system.CreateUserAsync([CrmRoles.SalesManager]);
        using var client = await system.SignedInAsync(manager);
        var region = $"R{Guid.NewGuid():N}"[..20];
        foreach (var name in new[] { "Beta Corp", "=HYPERLINK(\"http://evil.example\")", "Alpha Ltd" })
        {
            using var created = await system.Gateway.PostCustomerAsync(new { kind = "Company", name, region });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var response = await client.GetAsync($"/api/customers/exports?region={region}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".csv");
        var lines = (await response.Content.ReadAsStringAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith("id,kind,name,");
        lines.Length.ShouldBe(4);
        lines.Count(line => line.Contains(",Alpha Ltd,", StringComparison.Ordinal) || line.Contains(",Beta Corp,", StringComparison.Ordinal)).ShouldBe(2);
        // A formula never reaches a spreadsheet as a formula: the cell starts with an apostrophe instead.
        lines.ShouldContain(line => line.Contains("\"'=HYPERLINK(", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.Contains(",=HYPERLINK", StringComparison.Ordinal) || line.Contains(",\"=HYPERLINK", StringComparison.Ordinal));

        await Eventually.HoldsAsync(async () =>
        {
            using var audit = await system.Gateway.GetAsync($"/api/identity/audit?service=customers&action=exported&actorId={manager.Id}", Token);
            using var page = JsonDocument.Parse(await audit.Content.ReadAsStringAsync(Token));
            return page.RootElement.GetProperty("items").EnumerateArray()
                .Any(entry => entry.GetProperty("details").GetString()!.StartsWith("3 customers as csv", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(10), "the export is in the administrators' audit log");
    }

    [Fact]
    public async Task An_xlsx_export_opens_as_a_workbook_with_the_same_rows()
    {
        var tag = $"x{Guid.NewGuid():N}"[..20];
        using var created = await system.Gateway.PostCustomerAsync(new { kind = "Person", name = "Workbook Person", phone = "0049 30 000", tags = new[] { tag } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await system.Gateway.GetAsync($"/api/customers/exports?format=xlsx&tag={tag}", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Token));
        var sheet = workbook.Worksheet(1);
        sheet.Cell(1, 3).GetString().ShouldBe("name");
        sheet.Cell(2, 3).GetString().ShouldBe("Workbook Person");
        sheet.Cell(2, 6).GetString().ShouldBe("0049 30 000", "a phone number stays text, leading zeros and all");
        sheet.Cell(3, 3).GetString().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_format_is_a_400_naming_it()
    {
        using var response = await system.Gateway.GetAsync("/api/customers/exports?format=pdf", Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problems.ShouldBeCleanProblemAsync(response, 400)).GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();
    }
}

using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;

namespace Crm.Customers.Infrastructure.Imports;

/// <summary>A CSV or XLSX file as a header row and data rows of text cells; row numbers count the header as row 1.</summary>
public sealed record Spreadsheet(IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows)
{
    public const int MaxRows = 1_000_000;

    /// <summary>Reads the file, or says in one sentence why it cannot be read.</summary>
    public static Spreadsheet Read(string fileName, byte[] content)
    {
        var isXlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            || content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var sheet = isXlsx ? ReadXlsx(content) : ReadCsv(content);
        if (sheet.Headers.Count == 0 || sheet.Headers.All(string.IsNullOrWhiteSpace))
        {
            throw new UnreadableSpreadsheetException("The file has no header row.");
        }

        return sheet;
    }

    private static Spreadsheet ReadCsv(byte[] content)
    {
        // The separator (, ; tab |) is detected from the first lines; a UTF-8 byte order mark is honoured.
        using var csv = CsvReader.Create(content, new CsvReaderOptions { HasHeader = true, SkipEmptyLines = true });
        try
        {
            var headers = csv.Headers.Select(header => header.Trim().TrimStart('\uFEFF')).ToList();
            var rows = new List<string?[]>();
            while (csv.Read())
            {
                var cells = new string?[csv.FieldCount];
                for (var index = 0; index < cells.Length; index++)
                {
                    cells[index] = csv.GetString(index);
                }

                rows.Add(cells);
                if (rows.Count > MaxRows)
                {
                    throw new UnreadableSpreadsheetException($"The file has more than {MaxRows} rows; split it.");
                }
            }

            return new Spreadsheet(headers, rows);
        }
        catch (CsvFormatException)
        {
            throw new UnreadableSpreadsheetException("The file is not a readable CSV file.");
        }
    }

    private static Spreadsheet ReadXlsx(byte[] content)
    {
        try
        {
            using var workbook = new XLWorkbook(new MemoryStream(content));
            var worksheet = workbook.Worksheets.First();
            var used = worksheet.RangeUsed();
            if (used is null)
            {
                return new Spreadsheet([], []);
            }

            var width = used.LastColumn().ColumnNumber();
            var headerRow = used.FirstRow().RowNumber();
            string?[] Cells(int row) =>
                [.. Enumerable.Range(1, width).Select(column => worksheet.Cell(row, column).GetFormattedString() is { Length: > 0 } text ? text : null)];
            var headers = Cells(headerRow).Select(header => header?.Trim() ?? "").ToList();
            var last = used.LastRow().RowNumber();
            if (last - headerRow > MaxRows)
            {
                throw new UnreadableSpreadsheetException($"The file has more than {MaxRows} rows; split it.");
            }

            var rows = Enumerable.Range(headerRow + 1, last - headerRow).Select(Cells).Where(cells => cells.Any(cell => cell is not null)).ToList();
            return new Spreadsheet(headers, rows);
        }
        catch (Exception exception) when (exception is not UnreadableSpreadsheetException)
        {
            throw new UnreadableSpreadsheetException("The file is not a readable XLSX workbook.");
        }
    }
}

public sealed class UnreadableSpreadsheetException(string message) : Exception(message);

using System.Text.Json;
using Crm.Customers.Infrastructure.Imports;
using Crm.Customers.Model.Imports;

namespace Crm.Customers.Apis;

/// <summary>
/// An import as the client sends it: a multipart form with the <c>file</c> (CSV or XLSX), the <c>mode</c>, the fields
/// to <c>matchOn</c>, an optional column <c>mapping</c> override (JSON: header → field, or null to ignore a column) and
/// <c>dryRun</c>.
/// </summary>
public sealed record ImportUpload(string FileName, byte[] Content, ImportMode Mode, IReadOnlyList<string> MatchOn, bool DryRun, IReadOnlyDictionary<string, string?> Mapping)
{
    public const long MaxFileBytes = 50 * 1024 * 1024;
    public static readonly string[] MatchFields = ["email", "phone", "name"];

    /// <summary>Reads the form, or gives the 400 errors keyed by form field.</summary>
    public static async Task<(ImportUpload? Upload, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!request.HasFormContentType)
        {
            errors["file"] = ["Send the file as multipart/form-data in a field named 'file'."];
            return (null, errors);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            errors["file"] = ["The multipart form could not be read; send the file in a field named 'file'."];
            return (null, errors);
        }

        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["Attach a non-empty CSV or XLSX file in the field 'file'."];
        }
        else if (file.Length > MaxFileBytes)
        {
            errors["file"] = [$"The file is larger than {MaxFileBytes / 1024 / 1024} MB; split it."];
        }
        else if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            errors["file"] = ["Only .csv and .xlsx files can be imported."];
        }

        var mode = ImportMode.CreateOnly;
        if (form["mode"].ToString() is { Length: > 0 } modeText && (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode)))
        {
            errors["mode"] = ["'mode' is createOnly (the default), createAndUpdate or updateOnly."];
        }

        var matchOn = (form["matchOn"].ToString() is { Length: > 0 } matchText ? matchText : "email,phone")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(field => field.ToLowerInvariant()).Distinct().ToList();
        if (matchOn.Count == 0 || matchOn.Any(field => !MatchFields.Contains(field)))
        {
            errors["matchOn"] = ["'matchOn' lists email, phone and/or name, comma-separated (default email,phone)."];
        }

        var dryRun = false;
        if (form["dryRun"].ToString() is { Length: > 0 } dryRunText && !bool.TryParse(dryRunText, out dryRun))
        {
            errors["dryRun"] = ["'dryRun' is true or false."];
        }

        Dictionary<string, string?> mapping = [];
        if (form["mapping"].ToString() is { Length: > 0 } mappingText)
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string?>>(mappingText) ?? [];
            }
            catch (JsonException)
            {
                errors["mapping"] = ["'mapping' is a JSON object from column header to field name (or null to ignore the column)."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, cancellationToken);
        return (new ImportUpload(Path.GetFileName(file.FileName), buffer.ToArray(), mode, matchOn, dryRun, mapping), errors);
    }
}

namespace Crm.Customers.Model.Imports;

/// <summary>The customer fields a spreadsheet column can fill.</summary>
public enum ImportField
{
    Kind,
    Name,
    Company,
    Email,
    Phone,
    Street,
    PostalCode,
    City,
    State,
    Country,
    Industry,
    Region,
    Source,
    Tags,
}

namespace Crm.Customers.Model;

/// <summary>A postal address, stored in the customer's row.</summary>
public class Address
{
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code, such as <c>DE</c>.</summary>
    public string? Country { get; set; }
}

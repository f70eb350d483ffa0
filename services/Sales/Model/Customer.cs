namespace Crm.Sales.Model;

/// <summary>Sales' own copy of the customer facts it sells with; the customer service owns the record.</summary>
public class Customer
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Region { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

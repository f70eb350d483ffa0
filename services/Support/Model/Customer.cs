namespace Crm.Support.Model;

/// <summary>Support's own copy of how to reach the customer a ticket is about; the customer service owns the record.</summary>
public class Customer
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

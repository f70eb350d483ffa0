namespace Crm.Customers.Model;

public class Customer
{
    public Guid Id { get; set; }
    public CustomerKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag, so a stale edit is refused instead of overwriting.</summary>
    public uint Version { get; set; }
}

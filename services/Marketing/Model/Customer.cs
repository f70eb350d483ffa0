using Crm.BuildingBlocks.CustomerCopies;

namespace Crm.Marketing.Model;

/// <summary>Marketing's own copy of who can be reached and how they are segmented; the customer service owns the record.</summary>
public class Customer : ICustomerCopy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The customer service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }

    /// <summary>Kept as a tombstone, so a late event about a deleted customer cannot bring it back.</summary>
    public bool IsDeleted { get; set; }
}

using Crm.BuildingBlocks.CustomerCopies;

namespace Crm.Support.Model;

/// <summary>Support's own copy of how to reach the customer a ticket is about; the customer service owns the record.</summary>
public class Customer : ICustomerCopy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary><c>Company</c> or <c>Person</c>; null in copies made before support kept it.</summary>
    public string? Kind { get; set; }

    /// <summary>The company a person belongs to: the people a company's tickets may name as contact.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>The value tier (<c>CustomerTierChanged</c>); null until the customer service sets one, which counts as General.</summary>
    public CustomerTier? Tier { get; set; }

    /// <summary>When the tier last changed; an older tier event is ignored.</summary>
    public DateTimeOffset? TierChangedAt { get; set; }

    /// <summary>The customer service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }

    /// <summary>Kept as a tombstone, so a late event about a deleted customer cannot bring it back.</summary>
    public bool IsDeleted { get; set; }
}

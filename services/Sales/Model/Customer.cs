using Crm.BuildingBlocks.CustomerCopies;

namespace Crm.Sales.Model;

/// <summary>Sales' own copy of the customer facts it sells with; the customer service owns the record.</summary>
public class Customer : ICustomerCopy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Email { get; set; }
    public string? Region { get; set; }
    public Guid? OwnerId { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>HighValue, Potential or General from <c>CustomerTierChanged</c>; picks the follow-up cadence.</summary>
    public string? Tier { get; set; }

    /// <summary>When the tier last changed; an older <c>CustomerTierChanged</c> arriving late is ignored.</summary>
    public DateTimeOffset? TierChangedAt { get; set; }

    /// <summary>Where the follow-up clock starts: the last logged interaction, or else the registration.</summary>
    public DateTimeOffset? LastInteractionAt { get; set; }

    /// <summary>The customer service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }

    /// <summary>Kept as a tombstone, so a late event about a deleted customer cannot bring it back.</summary>
    public bool IsDeleted { get; set; }
}

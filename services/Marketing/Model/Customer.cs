using Crm.BuildingBlocks.CustomerCopies;

namespace Crm.Marketing.Model;

/// <summary>
/// Marketing's contact: its own copy of a reachable customer (kept from the customer service's events) plus what only
/// marketing owns: consent and the attributes segments select on.
/// </summary>
public class Customer : ICustomerCopy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Kind { get; set; }
    public string? Email { get; set; }
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }

    public string? Tier { get; set; }
    public string? Lifecycle { get; set; }
    public int Recency { get; set; }
    public int Frequency { get; set; }
    public int Monetary { get; set; }
    public decimal TotalSpend { get; set; }
    public DateTimeOffset? LastPurchaseAt { get; set; }

    /// <summary>When the customer service computed the value fields above; an older CustomerValueChanged is ignored.</summary>
    public DateTimeOffset? ValueAsOf { get; set; }

    public ConsentState Consent { get; set; } = ConsentState.OptedIn;
    public DateTimeOffset? ConsentChangedAt { get; set; }

    /// <summary>The lead score when last computed (on every behaviour), with decay applied then.</summary>
    public int LeadScore { get; set; }

    /// <summary>When the score was last recomputed; the decay sweep takes the contacts checked longest ago first.</summary>
    public DateTimeOffset? LeadScoreCheckedAt { get; set; }

    /// <summary>Set once the score crossed the threshold and the lead went to sales; not handed off twice.</summary>
    public DateTimeOffset? HandedOffAt { get; set; }

    /// <summary>The customer service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }

    /// <summary>Kept as a tombstone, so a late event about a deleted customer cannot bring it back.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>A person's first word of their name; a company is greeted by its name.</summary>
    public string FirstName => Kind == "Person" && Name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : Name;
}

namespace Crm.Sales.Model;

/// <summary>A person who may buy, before they are a customer: worked by its owner until converted or disqualified.</summary>
public class Lead
{
    public Guid Id { get; set; }

    /// <summary>Marketing's contact this lead came from; one lead per contact, so a repeat hand-off updates it.</summary>
    public Guid? ContactId { get; set; }

    public required string Name { get; set; }
    public string? Company { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Region { get; set; }
    public string? Source { get; set; }
    public Guid? CampaignId { get; set; }

    /// <summary>Marketing's lead score at the latest hand-off, or what a rep set.</summary>
    public int Score { get; set; }

    /// <summary>What earned the score at the latest hand-off.</summary>
    public List<string> ScoreReasons { get; set; } = [];

    public LeadStatus Status { get; set; }
    public string? DisqualifiedReason { get; set; }

    /// <summary>Null while no assignment rule matched; only administrators and sales managers see such leads.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>Set by conversion: the customer (new or existing) and the opportunity it produced.</summary>
    public Guid? CustomerId { get; set; }

    public Guid? OpportunityId { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }

    public List<LeadHandOff> HandOffs { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag.</summary>
    public uint Version { get; set; }
}

namespace Crm.Marketing.Model;

/// <summary>An address nobody may mail, whoever it belongs to now or later (a complaint, a role address, a competitor).</summary>
public class Suppression
{
    /// <summary>Lower-cased, so the check is one index lookup.</summary>
    public required string Email { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
}

namespace Crm.Marketing.Model;

/// <summary>One thing a contact did that marketing saw: an open, a click, a page visit, a survey answer.</summary>
public class Behaviour
{
    public long Id { get; set; }
    public Guid ContactId { get; set; }
    public BehaviourKind Kind { get; set; }
    public Guid? CampaignId { get; set; }

    /// <summary>The clicked or visited URL.</summary>
    public string? Url { get; set; }
    public string? SurveyId { get; set; }
    public string? Question { get; set; }
    public string? Value { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

namespace Crm.Marketing.Model;

/// <summary>
/// Points an administrator gives for a behaviour (an open, a click, a visit to a matching URL, a survey answer with a
/// value) or for a profile field having a value. Behaviour points decay with age; profile points do not.
/// </summary>
public class ScoringRule
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>A behaviour kind (Opened, Clicked, Visited, SurveyAnswered) or "Profile".</summary>
    public required string Kind { get; set; }

    /// <summary>Behaviour: text the URL must contain, or the survey answer's value. Profile: the field (region, industry, tier, source, tag).</summary>
    public string? Match { get; set; }

    /// <summary>Profile: the value the field must have (case-insensitive).</summary>
    public string? Value { get; set; }
    public int Points { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

namespace Crm.Marketing.Model;

/// <summary>What enrols a person in a journey.</summary>
public enum JourneyTrigger
{
    /// <summary>The contact entered the segment <c>TriggerSegmentId</c> (ContactEnteredSegment).</summary>
    SegmentEntered,

    /// <summary>A new customer was registered (CustomerRegistered); every new contact enters.</summary>
    CustomerRegistered,

    /// <summary>A web visit whose URL contains <c>TriggerMatch</c> (case-insensitive).</summary>
    WebVisit,

    /// <summary>An answer to survey <c>TriggerMatch</c>, equal to <c>TriggerValue</c> when that is given (case-insensitive).</summary>
    SurveyAnswered,

    /// <summary>The customer's tier became <c>TriggerMatch</c> (CustomerTierChanged).</summary>
    TierChanged,
}

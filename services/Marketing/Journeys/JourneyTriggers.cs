using Crm.Marketing.Model;

namespace Crm.Marketing.Journeys;

/// <summary>Whether something that happened enters a person into a journey.</summary>
public static class JourneyTriggers
{
    public static bool MatchesVisit(Journey journey, string url) =>
        journey.Trigger == JourneyTrigger.WebVisit && journey.TriggerMatch is { Length: > 0 } part
        && url.Contains(part, StringComparison.OrdinalIgnoreCase);

    public static bool MatchesSurveyAnswer(Journey journey, string surveyId, string value) =>
        journey.Trigger == JourneyTrigger.SurveyAnswered
        && string.Equals(journey.TriggerMatch, surveyId, StringComparison.OrdinalIgnoreCase)
        && (journey.TriggerValue is null || string.Equals(journey.TriggerValue, value, StringComparison.OrdinalIgnoreCase));

    public static bool MatchesTier(Journey journey, string tier) =>
        journey.Trigger == JourneyTrigger.TierChanged && string.Equals(journey.TriggerMatch, tier, StringComparison.OrdinalIgnoreCase);

    public static bool MatchesSegment(Journey journey, Guid segmentId) =>
        journey.Trigger == JourneyTrigger.SegmentEntered && journey.TriggerSegmentId == segmentId;

    public static bool MatchesRegistration(Journey journey) => journey.Trigger == JourneyTrigger.CustomerRegistered;
}

using Crm.Marketing.Model;

namespace Crm.Marketing.Scoring;

/// <summary>A contact's lead score and what earned it: pure arithmetic over rules, profile and behaviour.</summary>
public static class LeadScore
{
    public const string ProfileKind = "Profile";

    public static (int Score, IReadOnlyList<string> Reasons) Compute(
        Customer contact, IEnumerable<Behaviour> behaviours, IReadOnlyList<ScoringRule> rules, DateTimeOffset now, TimeSpan halfLife)
    {
        var total = 0.0;
        var reasons = new List<string>();
        foreach (var rule in rules.Where(rule => rule.Kind == ProfileKind && ProfileMatches(rule, contact)))
        {
            total += rule.Points;
            reasons.Add($"{rule.Name} (+{rule.Points})");
        }

        var list = behaviours.ToList();
        foreach (var rule in rules.Where(rule => rule.Kind != ProfileKind))
        {
            var earned = list.Where(behaviour => BehaviourMatches(rule, behaviour))
                .Sum(behaviour => rule.Points * Math.Pow(0.5, Math.Max(0, (now - behaviour.OccurredAt).TotalSeconds) / halfLife.TotalSeconds));
            if (earned > 0)
            {
                total += earned;
                reasons.Add($"{rule.Name} (+{earned:0.#})");
            }
        }

        return ((int)Math.Round(total, MidpointRounding.AwayFromZero), reasons);
    }

    private static bool BehaviourMatches(ScoringRule rule, Behaviour behaviour) =>
        string.Equals(rule.Kind, behaviour.Kind.ToString(), StringComparison.Ordinal) && (rule.Match is null || behaviour.Kind switch
        {
            BehaviourKind.SurveyAnswered => string.Equals(behaviour.Value, rule.Match, StringComparison.OrdinalIgnoreCase),
            _ => behaviour.Url?.Contains(rule.Match, StringComparison.OrdinalIgnoreCase) == true,
        });

    private static bool ProfileMatches(ScoringRule rule, Customer contact)
    {
        bool Is(string? actual) => string.Equals(actual, rule.Value, StringComparison.OrdinalIgnoreCase);
        return rule.Match switch
        {
            "region" => Is(contact.Region),
            "industry" => Is(contact.Industry),
            "tier" => Is(contact.Tier),
            "source" => Is(contact.Source),
            "tag" => contact.Tags.Any(Is),
            _ => false,
        };
    }
}

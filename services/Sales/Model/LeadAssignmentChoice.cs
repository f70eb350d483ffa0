namespace Crm.Sales.Model;

/// <summary>The pure part of lead assignment: which rules apply to a lead and whose turn it is in a team.</summary>
public static class LeadAssignmentChoice
{
    /// <summary>A rule's region and source match when left out or equal, ignoring case and surrounding spaces.</summary>
    public static bool Matches(LeadAssignmentRule rule, string? region, string? source) =>
        Same(rule.Region, region) && Same(rule.Source, source);

    /// <summary>
    /// The rep after <paramref name="last"/> in <paramref name="candidates"/> (ordered by id, so every replica agrees),
    /// wrapping around; the first when <paramref name="last"/> is not among them (left the team, deactivated) or null.
    /// </summary>
    public static Guid? NextInTurn(IReadOnlyList<Guid> candidates, Guid? last)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var ordered = candidates.Order().ToList();
        if (last is not { } previous)
        {
            return ordered[0];
        }

        // The first one after the previous rep in id order, even if that rep is gone now: the turn keeps going round.
        return ordered.FirstOrDefault(candidate => candidate.CompareTo(previous) > 0, ordered[0]);
    }

    private static bool Same(string? ruleValue, string? leadValue) =>
        string.IsNullOrWhiteSpace(ruleValue) ||
        string.Equals(ruleValue.Trim(), leadValue?.Trim(), StringComparison.OrdinalIgnoreCase);
}

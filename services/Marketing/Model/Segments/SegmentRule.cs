namespace Crm.Marketing.Model.Segments;

/// <summary>
/// One node of a segment's rule tree: <c>{"and":[...]}</c>, <c>{"or":[...]}</c>, <c>{"not":{...}}</c> or a condition
/// <c>{"field":"region","op":"eq","value":"EMEA"}</c>. Parsed once by <see cref="SegmentRuleParser"/>, then evaluated per contact.
/// </summary>
public abstract record SegmentRule
{
    public abstract bool Matches(Customer contact, DateTimeOffset now);
}

public sealed record AllOf(IReadOnlyList<SegmentRule> Rules) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now) => Rules.All(rule => rule.Matches(contact, now));
}

public sealed record AnyOf(IReadOnlyList<SegmentRule> Rules) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now) => Rules.Any(rule => rule.Matches(contact, now));
}

public sealed record Not(SegmentRule Rule) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now) => !Rule.Matches(contact, now);
}

public sealed record TextCondition(Func<Customer, string?> Read, string Op, IReadOnlyList<string> Values) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now)
    {
        var actual = Read(contact);
        var any = Values.Any(value => string.Equals(actual, value, StringComparison.OrdinalIgnoreCase));
        return Op switch
        {
            "eq" or "in" => any,
            "ne" or "notIn" => !any,
            "exists" => !string.IsNullOrEmpty(actual),
            _ => false,
        };
    }
}

public sealed record TagCondition(string Op, IReadOnlyList<string> Values) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now)
    {
        bool Has(string tag) => contact.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
        return Op switch
        {
            "contains" => Values.All(Has),
            "containsAny" => Values.Any(Has),
            "notContains" => !Values.Any(Has),
            _ => false,
        };
    }
}

public sealed record NumberCondition(Func<Customer, decimal> Read, string Op, decimal Value) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now)
    {
        var actual = Read(contact);
        return Op switch
        {
            "eq" => actual == Value,
            "ne" => actual != Value,
            "gt" => actual > Value,
            "gte" => actual >= Value,
            "lt" => actual < Value,
            "lte" => actual <= Value,
            _ => false,
        };
    }
}

/// <summary>"withinDays": the moment lies in the last N days; "notWithinDays": it does not (or never happened).</summary>
public sealed record RecencyCondition(Func<Customer, DateTimeOffset?> Read, string Op, int Days) : SegmentRule
{
    public override bool Matches(Customer contact, DateTimeOffset now)
    {
        var within = Read(contact) is { } at && at >= now.AddDays(-Days);
        return Op == "withinDays" ? within : !within;
    }
}

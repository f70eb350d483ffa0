using System.Linq.Expressions;

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// One node of a segment's rule tree: <c>{"and":[...]}</c>, <c>{"or":[...]}</c>, <c>{"not":{...}}</c>, an attribute
/// condition <c>{"field":"region","op":"eq","value":"EMEA"}</c> or a behaviour condition
/// <c>{"behaviour":"clicked","days":30}</c>. Parsed once by <see cref="SegmentRuleParser"/>, then turned into one
/// predicate, so the database evaluates a contact and a million contacts with the same rule (never a second evaluator
/// in C# that could disagree with it).
/// </summary>
public abstract record SegmentRule
{
    public abstract Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources);

    /// <summary>
    /// Whether the rule looks back from now ("in the last N days"): a contact can leave such a segment without any event,
    /// only because time passed, so its membership is re-checked periodically.
    /// </summary>
    public abstract bool HasTimeWindow { get; }
}

public sealed record AllOf(IReadOnlyList<SegmentRule> Rules) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources) =>
        Predicates.Combine(Rules.Select(rule => rule.ToPredicate(sources)), Expression.AndAlso);

    public override bool HasTimeWindow => Rules.Any(rule => rule.HasTimeWindow);
}

public sealed record AnyOf(IReadOnlyList<SegmentRule> Rules) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources) =>
        Predicates.Combine(Rules.Select(rule => rule.ToPredicate(sources)), Expression.OrElse);

    public override bool HasTimeWindow => Rules.Any(rule => rule.HasTimeWindow);
}

public sealed record Not(SegmentRule Rule) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources) => Predicates.Negate(Rule.ToPredicate(sources));

    public override bool HasTimeWindow => Rule.HasTimeWindow;
}

/// <summary>Case-insensitive text: "eq"/"in" match one of the values, "ne"/"notIn" none (an empty field matches none), "exists" any text.</summary>
public sealed record TextCondition(Expression<Func<Customer, string?>> Read, string Op, IReadOnlyList<string> Values) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        if (Op == "exists")
        {
            return Predicates.Apply(Read, text => text != null && text != "");
        }

        var lowered = Values.Select(value => value.ToLowerInvariant()).ToList();
        var any = Predicates.Apply(Read, text => text != null && lowered.Contains(text.ToLower()));
        return Op is "eq" or "in" ? any : Predicates.Negate(any);
    }

    public override bool HasTimeWindow => false;
}

/// <summary>The consent state (OptedIn, Unsubscribed, Bounced, Erased), compared as the enum the column holds.</summary>
public sealed record ConsentCondition(string Op, IReadOnlyList<ConsentState> States) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        var states = States.ToList();
        Expression<Func<Customer, bool>> any = contact => states.Contains(contact.Consent);
        return Op is "eq" or "in" or "exists" ? any : Predicates.Negate(any);
    }

    public override bool HasTimeWindow => false;
}

public sealed record TagCondition(string Op, IReadOnlyList<string> Values) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        var lowered = Values.Select(value => value.ToLowerInvariant()).ToList();
        return Op switch
        {
            "contains" => Predicates.Combine(lowered.Select(HasTag), Expression.AndAlso),
            "containsAny" => contact => contact.Tags.Any(tag => lowered.Contains(tag.ToLower())),
            _ => contact => !contact.Tags.Any(tag => lowered.Contains(tag.ToLower())),
        };
    }

    public override bool HasTimeWindow => false;

    private static Expression<Func<Customer, bool>> HasTag(string wanted) => contact => contact.Tags.Any(tag => tag.ToLower() == wanted);
}

public sealed record NumberCondition(Expression<Func<Customer, decimal>> Read, string Op, decimal Value) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        var value = Value;
        return Op switch
        {
            "eq" => Predicates.Apply(Read, actual => actual == value),
            "ne" => Predicates.Apply(Read, actual => actual != value),
            "gt" => Predicates.Apply(Read, actual => actual > value),
            "gte" => Predicates.Apply(Read, actual => actual >= value),
            "lt" => Predicates.Apply(Read, actual => actual < value),
            _ => Predicates.Apply(Read, actual => actual <= value),
        };
    }

    public override bool HasTimeWindow => false;
}

/// <summary>"withinDays": the moment lies in the last N days; "notWithinDays": it does not (or never happened).</summary>
public sealed record RecencyCondition(Expression<Func<Customer, DateTimeOffset?>> Read, string Op, int Days) : SegmentRule
{
    public override Expression<Func<Customer, bool>> ToPredicate(SegmentSources sources)
    {
        var since = sources.Now.AddDays(-Days);
        var within = Predicates.Apply(Read, at => at != null && at >= since);
        return Op == "withinDays" ? within : Predicates.Negate(within);
    }

    public override bool HasTimeWindow => true;
}

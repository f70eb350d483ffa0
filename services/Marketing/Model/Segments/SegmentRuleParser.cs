using System.Linq.Expressions;
using System.Text.Json.Nodes;

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// Turns a JSON rule tree into <see cref="SegmentRule"/>s, or into errors keyed by the path of the bad node
/// (<c>rules.and[1].op</c>) so a client sees exactly what to fix.
/// </summary>
public static class SegmentRuleParser
{
    public const int MaxDepth = 10;
    public const int MaxNodes = 200;

    private static readonly Dictionary<string, Expression<Func<Customer, string?>>> TextFields = new(StringComparer.Ordinal)
    {
        ["tier"] = contact => contact.Tier,
        ["lifecycle"] = contact => contact.Lifecycle,
        ["region"] = contact => contact.Region,
        ["industry"] = contact => contact.Industry,
        ["source"] = contact => contact.Source,
        ["kind"] = contact => contact.Kind,
    };

    private static readonly Dictionary<string, Expression<Func<Customer, decimal>>> NumberFields = new(StringComparer.Ordinal)
    {
        ["totalSpend"] = contact => contact.TotalSpend,
        ["recency"] = contact => contact.Recency,
        ["frequency"] = contact => contact.Frequency,
        ["monetary"] = contact => contact.Monetary,
        ["leadScore"] = contact => contact.LeadScore,
    };

    private static readonly Dictionary<string, Expression<Func<Customer, DateTimeOffset?>>> MomentFields = new(StringComparer.Ordinal)
    {
        ["lastPurchase"] = contact => contact.LastPurchaseAt,
        ["registered"] = contact => contact.RegisteredAt,
    };

    private static readonly string[] TextOps = ["eq", "ne", "in", "notIn", "exists"];
    private static readonly string[] TagOps = ["contains", "containsAny", "notContains"];
    private static readonly string[] NumberOps = ["eq", "ne", "gt", "gte", "lt", "lte"];
    private static readonly string[] MomentOps = ["withinDays", "notWithinDays"];

    private static readonly Dictionary<string, BehaviourKind> Behaviours = new(StringComparer.Ordinal)
    {
        ["opened"] = BehaviourKind.Opened,
        ["clicked"] = BehaviourKind.Clicked,
        ["visited"] = BehaviourKind.Visited,
        ["answered"] = BehaviourKind.SurveyAnswered,
    };

    public static string[] Fields => [.. TextFields.Keys, ConsentField, "tags", .. NumberFields.Keys, .. MomentFields.Keys];

    private const string ConsentField = "consent";

    public static SegmentRule? Parse(JsonNode? node, string path, Dictionary<string, string[]> errors)
    {
        var nodes = 0;
        return Parse(node, path, errors, depth: 1, ref nodes);
    }

    private static SegmentRule? Parse(JsonNode? node, string path, Dictionary<string, string[]> errors, int depth, ref int nodes)
    {
        if (++nodes > MaxNodes)
        {
            return Fail(errors, path, $"A rule tree has at most {MaxNodes} nodes.");
        }

        if (depth > MaxDepth)
        {
            return Fail(errors, path, $"A rule tree is at most {MaxDepth} levels deep.");
        }

        if (node is not JsonObject rule)
        {
            return Fail(errors, path, "A rule is an object: {\"and\":[...]}, {\"or\":[...]}, {\"not\":{...}} or {\"field\":...,\"op\":...,\"value\":...}.");
        }

        if (rule.Count == 1 && rule.First() is { Key: "and" or "or" } group)
        {
            if (group.Value is not JsonArray { Count: > 0 } children)
            {
                return Fail(errors, $"{path}.{group.Key}", "Give a non-empty array of rules.");
            }

            var parsed = new List<SegmentRule>();
            for (var index = 0; index < children.Count; index++)
            {
                if (Parse(children[index], $"{path}.{group.Key}[{index}]", errors, depth + 1, ref nodes) is { } child)
                {
                    parsed.Add(child);
                }
            }

            return parsed.Count != children.Count ? null : group.Key == "and" ? new AllOf(parsed) : new AnyOf(parsed);
        }

        if (rule.Count == 1 && rule.ContainsKey("not"))
        {
            return Parse(rule["not"], $"{path}.not", errors, depth + 1, ref nodes) is { } inner ? new Not(inner) : null;
        }

        if (rule.ContainsKey("behaviour"))
        {
            return ParseBehaviour(rule, path, errors);
        }

        return ParseCondition(rule, path, errors);
    }

    private static SegmentRule? ParseCondition(JsonObject rule, string path, Dictionary<string, string[]> errors)
    {
        var field = Text(rule["field"]);
        var op = Text(rule["op"]);
        var value = rule["value"];
        if (field is null)
        {
            return Fail(errors, $"{path}.field", $"Name a field: {string.Join(", ", Fields)}; or a behaviour: {string.Join(", ", Behaviours.Keys)}; or use and/or/not.");
        }

        if (TextFields.TryGetValue(field, out var readText))
        {
            if (!CheckOp(op, TextOps, path, errors))
            {
                return null;
            }

            if (op == "exists")
            {
                return new TextCondition(readText, op, []);
            }

            return Strings(value, op is "in" or "notIn", $"{path}.value", errors) is { } values ? new TextCondition(readText, op!, values) : null;
        }

        if (field == ConsentField)
        {
            if (!CheckOp(op, TextOps, path, errors))
            {
                return null;
            }

            if (op == "exists")
            {
                return new ConsentCondition(op, Enum.GetValues<ConsentState>());
            }

            var names = Strings(value, op is "in" or "notIn", $"{path}.value", errors);
            var states = names?.Select(name => Enum.TryParse<ConsentState>(name, ignoreCase: true, out var state) ? state : (ConsentState?)null).ToList();
            return states is null ? null
                : states.Contains(null) ? Fail(errors, $"{path}.value", $"Use one of: {string.Join(", ", Enum.GetNames<ConsentState>())}.")
                : new ConsentCondition(op!, [.. states.Select(state => state!.Value)]);
        }

        if (field == "tags")
        {
            return CheckOp(op, TagOps, path, errors) && Strings(value, true, $"{path}.value", errors) is { } tags ? new TagCondition(op!, tags) : null;
        }

        if (NumberFields.TryGetValue(field, out var readNumber))
        {
            if (!CheckOp(op, NumberOps, path, errors))
            {
                return null;
            }

            return value is JsonValue number && number.TryGetValue<decimal>(out var amount)
                ? new NumberCondition(readNumber, op!, amount)
                : Fail(errors, $"{path}.value", "Give a number.");
        }

        if (MomentFields.TryGetValue(field, out var readMoment))
        {
            if (!CheckOp(op, MomentOps, path, errors))
            {
                return null;
            }

            return value is JsonValue days && days.TryGetValue<int>(out var count) && count is > 0 and <= 36500
                ? new RecencyCondition(readMoment, op!, count)
                : Fail(errors, $"{path}.value", "Give a whole number of days from 1 to 36500.");
        }

        return Fail(errors, $"{path}.field", $"Unknown field '{field}'; use one of: {string.Join(", ", Fields)}.");
    }

    /// <summary>
    /// <c>{"behaviour":"opened"|"clicked", "campaignId":..., "days":N}</c>, <c>{"behaviour":"visited","url":"*/pricing*","days":N}</c>,
    /// <c>{"behaviour":"answered","survey":"nps","value":"10","days":N}</c>; without <c>campaignId</c> any campaign counts,
    /// without <c>days</c> any time.
    /// </summary>
    private static SegmentRule? ParseBehaviour(JsonObject rule, string path, Dictionary<string, string[]> errors)
    {
        var name = Text(rule["behaviour"]);
        if (name is null || !Behaviours.TryGetValue(name, out var kind))
        {
            return Fail(errors, $"{path}.behaviour", $"Use one of: {string.Join(", ", Behaviours.Keys)}.");
        }

        var valid = true;
        string[] allowed = kind switch
        {
            BehaviourKind.Opened or BehaviourKind.Clicked => ["behaviour", "campaignId", "days"],
            BehaviourKind.Visited => ["behaviour", "url", "days"],
            _ => ["behaviour", "survey", "value", "days"],
        };
        foreach (var key in rule.Select(property => property.Key))
        {
            if (!allowed.Contains(key))
            {
                Fail(errors, $"{path}.{key}", $"'{name}' takes only: {string.Join(", ", allowed.Skip(1))}.");
                valid = false;
            }
        }

        int? days = null;
        if (rule["days"] is { } daysNode)
        {
            if (daysNode is JsonValue number && number.TryGetValue<int>(out var count) && count is > 0 and <= 36500)
            {
                days = count;
            }
            else
            {
                Fail(errors, $"{path}.days", "Give a whole number of days from 1 to 36500, or leave days out for any time.");
                valid = false;
            }
        }

        Guid? campaignId = null;
        if (rule["campaignId"] is { } campaignNode)
        {
            if (Text(campaignNode) is { } text && Guid.TryParse(text, out var id))
            {
                campaignId = id;
            }
            else
            {
                Fail(errors, $"{path}.campaignId", "Give a campaign id, or leave campaignId out for any campaign.");
                valid = false;
            }
        }

        var url = rule.ContainsKey("url") ? Text(rule["url"]) : null;
        if (kind == BehaviourKind.Visited && url is null)
        {
            Fail(errors, $"{path}.url", "Give the page's URL pattern (1 to 200 characters; * stands for any text), e.g. */pricing*.");
            valid = false;
        }

        var survey = rule.ContainsKey("survey") ? Text(rule["survey"]) : null;
        if (kind == BehaviourKind.SurveyAnswered && survey is null)
        {
            Fail(errors, $"{path}.survey", "Give the survey's id.");
            valid = false;
        }

        var value = rule.ContainsKey("value") ? Text(rule["value"]) : null;
        if (rule.ContainsKey("value") && value is null)
        {
            Fail(errors, $"{path}.value", "Give the answer as a text of 1 to 200 characters, or leave value out for any answer.");
            valid = false;
        }

        return valid ? new BehaviourCondition(kind, campaignId, url, survey, value, days) : null;
    }

    private static bool CheckOp(string? op, string[] allowed, string path, Dictionary<string, string[]> errors)
    {
        if (op is not null && allowed.Contains(op))
        {
            return true;
        }

        Fail(errors, $"{path}.op", $"Use one of: {string.Join(", ", allowed)}.");
        return false;
    }

    private static List<string>? Strings(JsonNode? value, bool listAllowed, string path, Dictionary<string, string[]> errors)
    {
        if (Text(value) is { } single)
        {
            return [single];
        }

        if (listAllowed && value is JsonArray { Count: > 0 } array && array.All(item => Text(item) is not null))
        {
            return [.. array.Select(item => Text(item)!)];
        }

        Fail(errors, path, listAllowed ? "Give a text or a non-empty array of texts." : "Give a text.");
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 200 ? text : null;

    private static SegmentRule? Fail(Dictionary<string, string[]> errors, string path, string message)
    {
        errors.TryAdd(path, [message]);
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Crm.Support.Model;

/// <summary>
/// Tags are free words agents put on tickets to find them again. They are kept lower-case with single hyphens for
/// spaces, so "Billing Issue" and "billing-issue" are one tag and a filter finds both.
/// </summary>
public static partial class TicketTags
{
    public const int MaxLength = 40;
    public const int MaxCount = 20;

    /// <summary>The stored form of a tag, or null when nothing usable is left (empty, or characters other than letters, digits, '-', '_', '.').</summary>
    public static string? Normalise(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var normal = Whitespace().Replace(tag.Trim().ToLowerInvariant(), "-");
        return normal.Length <= MaxLength && Allowed().IsMatch(normal) ? normal : null;
    }

    /// <summary>The stored set: normalised, without repeats, in order. Call only with tags that normalise.</summary>
    public static List<string> NormaliseAll(IEnumerable<string> tags) =>
        [.. tags.Select(tag => Normalise(tag)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._-]*$")]
    private static partial Regex Allowed();
}

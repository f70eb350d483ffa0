using System.Text.RegularExpressions;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>The limits every custom field and value keeps, so no record grows without bound.</summary>
public static partial class CustomFieldRules
{
    public const int MaxKeyLength = 50;
    public const int MaxLabelLength = 100;
    public const int MaxFields = 100;
    public const int MaxOptions = 200;
    public const int MaxOptionLength = 100;
    public const int MaxTextLength = 2000;

    /// <summary>Lower case, digits and underscores, starting with a letter: safe in URLs, JSON and query strings.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    public static partial Regex KeyPattern();
}

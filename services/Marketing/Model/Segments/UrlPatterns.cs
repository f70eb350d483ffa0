using System.Text;

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// Page patterns in segment rules: <c>*</c> stands for any text, everything else is literal and case-insensitive, and the
/// pattern covers the whole URL (<c>*/pricing*</c>). Turned into a LIKE pattern with its own wildcards escaped, so a
/// <c>%</c> or <c>_</c> in a URL means itself.
/// </summary>
public static class UrlPatterns
{
    public const string Escape = "\\";

    public static string ToLike(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 8);
        foreach (var character in pattern)
        {
            like.Append(character switch
            {
                '*' => "%",
                '%' or '_' or '\\' => Escape + character,
                _ => character.ToString(),
            });
        }

        return like.ToString();
    }
}

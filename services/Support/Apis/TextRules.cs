using FluentValidation;

namespace Crm.Support.Apis;

public static class TextRules
{
    /// <summary>PostgreSQL text cannot hold a NUL character; refused as a 400 here rather than failing as a 500 on save.</summary>
    public static IRuleBuilderOptions<T, string?> WithoutNulCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Contains('\0')).WithMessage("'{PropertyName}' may not contain NUL characters.");
}

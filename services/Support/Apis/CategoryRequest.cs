using System.Text.RegularExpressions;
using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Key">Only on create: letters and digits, starting with a letter (e.g. <c>BillingDispute</c>); it never changes.</param>
/// <param name="Name">What people read; renaming relabels the category's whole history.</param>
/// <param name="Active">False retires it: its tickets keep it, new tickets and rules cannot take it. True when left out.</param>
public sealed record CategoryRequest(string? Key, string? Name, bool? Active);

public sealed partial class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(request => request.Name).NotEmpty().MaximumLength(TicketCategory.MaxNameLength).WithoutNulCharacters();
        RuleFor(request => request.Key).MaximumLength(TicketCategory.MaxKeyLength)
            .Must(key => key is null || KeyPattern().IsMatch(key))
            .WithMessage("'key' is letters and digits, starting with a letter.");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex KeyPattern();
}

public sealed record CategoryResponse(string Key, string Name, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CategoryResponse From(TicketCategory category) =>
        new(category.Key, category.Name, category.IsActive, category.CreatedAt, category.UpdatedAt);
}

using FluentValidation;

namespace Crm.BuildingBlocks.CustomFields;

public sealed record CreateCustomFieldRequest(string? Key, string? Label, CustomFieldType? Type, IReadOnlyList<string>? Options, bool? Required, int? Position) : ICustomFieldOptions;

/// <summary>Everything but the key and the type, which values already stored depend on.</summary>
public sealed record UpdateCustomFieldRequest(string? Label, IReadOnlyList<string>? Options, bool? Required, bool? Archived, int? Position) : ICustomFieldOptions;

public sealed record CustomFieldResponse(
    Guid Id, string Key, string Label, CustomFieldType Type, IReadOnlyList<string> Options, bool Required, bool Archived, int Position,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomFieldResponse From(CustomFieldDefinition field) =>
        new(field.Id, field.Key, field.Label, field.Type, field.Options, field.Required, field.Archived, field.Position, field.CreatedAt, field.UpdatedAt);
}

public sealed class CreateCustomFieldRequestValidator : AbstractValidator<CreateCustomFieldRequest>
{
    public CreateCustomFieldRequestValidator()
    {
        RuleFor(request => request.Key).NotEmpty().MaximumLength(CustomFieldRules.MaxKeyLength)
            .Matches(CustomFieldRules.KeyPattern()).WithMessage("'key' holds lower-case letters, digits and underscores, starting with a letter.");
        RuleFor(request => request.Type).NotNull().IsInEnum();
        RuleFor(request => request.Label).NotEmpty().MaximumLength(CustomFieldRules.MaxLabelLength);
        RuleFor(request => request.Options).Must(options => options is { Count: > 0 })
            .When(request => request.Type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice)
            .WithMessage("A choice field needs at least one option.");
        RuleFor(request => request.Options).Must(options => options is null or { Count: 0 })
            .When(request => request.Type is not (CustomFieldType.SingleChoice or CustomFieldType.MultiChoice))
            .WithMessage("Only choice fields have options.");
        Include(new CustomFieldOptionsValidator<CreateCustomFieldRequest>());
        RuleFor(request => request.Position).InclusiveBetween(0, 10_000);
    }
}

public sealed class UpdateCustomFieldRequestValidator : AbstractValidator<UpdateCustomFieldRequest>
{
    public UpdateCustomFieldRequestValidator()
    {
        RuleFor(request => request.Label).NotEmpty().MaximumLength(CustomFieldRules.MaxLabelLength);
        Include(new CustomFieldOptionsValidator<UpdateCustomFieldRequest>());
        RuleFor(request => request.Position).InclusiveBetween(0, 10_000);
    }
}

public interface ICustomFieldOptions
{
    IReadOnlyList<string>? Options { get; }
}

internal sealed class CustomFieldOptionsValidator<T> : AbstractValidator<T>
    where T : ICustomFieldOptions
{
    public CustomFieldOptionsValidator()
    {
        RuleFor(request => request.Options).Must(options => options is null || options.Count <= CustomFieldRules.MaxOptions)
            .WithMessage($"At most {CustomFieldRules.MaxOptions} options.");
        RuleForEach(request => request.Options).NotEmpty().MaximumLength(CustomFieldRules.MaxOptionLength);
        RuleFor(request => request.Options).Must(options => options is null || options.Distinct(StringComparer.OrdinalIgnoreCase).Count() == options.Count)
            .WithMessage("Options must differ from each other (ignoring case).");
    }
}

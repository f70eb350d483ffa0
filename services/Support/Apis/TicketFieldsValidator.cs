using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <summary>The rules every ticket write shares.</summary>
public sealed class TicketFieldsValidator<T> : AbstractValidator<T>
    where T : ITicketFields
{
    public const int MaxTextLength = 10_000;

    public TicketFieldsValidator()
    {
        RuleFor(request => request.CustomerId).NotEmpty();
        RuleFor(request => request.Subject).NotEmpty().MaximumLength(200).WithoutNulCharacters();
        RuleFor(request => request.Description).MaximumLength(MaxTextLength).WithoutNulCharacters();
        RuleFor(request => request.Category).MaximumLength(TicketCategory.MaxKeyLength);
        RuleFor(request => request.Priority).IsInEnum();
        RuleFor(request => request.Channel).IsInEnum();
        RuleFor(request => request.ContactId).NotEqual(Guid.Empty);
        RuleFor(request => request.Tags).Must(tags => tags is null || tags.Count <= TicketTags.MaxCount)
            .WithMessage($"A ticket has at most {TicketTags.MaxCount} tags.");
        RuleForEach(request => request.Tags).Must(tag => TicketTags.Normalise(tag) is not null).OverridePropertyName("tags")
            .WithMessage($"A tag is 1 to {TicketTags.MaxLength} letters, digits, '-', '_' or '.' (spaces become '-'); '{{PropertyValue}}' is not.");
    }
}

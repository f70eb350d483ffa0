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
        RuleFor(request => request.Category).IsInEnum();
        RuleFor(request => request.Priority).IsInEnum();
        RuleFor(request => request.Channel).IsInEnum();
    }
}

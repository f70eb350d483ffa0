using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="Visibility">Required: Public (a reply) or Internal (a note for staff), so nobody publishes a note by omission.</param>
public sealed record AddCommentRequest(string? Body, CommentVisibility? Visibility);

public sealed class AddCommentRequestValidator : AbstractValidator<AddCommentRequest>
{
    public AddCommentRequestValidator()
    {
        RuleFor(request => request.Body).NotEmpty().MaximumLength(TicketFieldsValidator<ITicketFields>.MaxTextLength).WithoutNulCharacters();
        RuleFor(request => request.Visibility).NotNull().IsInEnum();
    }
}

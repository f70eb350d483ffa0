using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <param name="ContactId">The person who asked: a person linked to the customer (a company), or the customer itself when it is a person.</param>
/// <param name="Tags">Up to 20 words (letters, digits, '-', '_', '.'; spaces become '-'), kept lower-case.</param>
/// <param name="Category">Question when left out.</param>
/// <param name="Priority">Normal when left out.</param>
/// <param name="Channel">Web when left out.</param>
/// <param name="TeamId">The caller's team when left out.</param>
/// <param name="AssigneeId">Left out: an agent creating the ticket takes it, a lead or administrator leaves it in the team's queue.</param>
public sealed record CreateTicketRequest(
    Guid? CustomerId,
    Guid? ContactId,
    string? Subject,
    string? Description,
    string? Category,
    TicketPriority? Priority,
    TicketChannel? Channel,
    IReadOnlyList<string>? Tags,
    Guid? TeamId,
    Guid? AssigneeId) : ITicketFields;

public sealed class CreateTicketRequestValidator : AbstractValidator<CreateTicketRequest>
{
    public CreateTicketRequestValidator()
    {
        Include(new TicketFieldsValidator<CreateTicketRequest>());
        RuleFor(request => request.TeamId).NotEqual(Guid.Empty);
        RuleFor(request => request.AssigneeId).NotEqual(Guid.Empty);
    }
}

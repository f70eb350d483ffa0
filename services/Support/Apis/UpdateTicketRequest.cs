using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <summary>The ticket's new fields (a full replacement). Status and assignment change through their own endpoints.</summary>
/// <param name="ContactId">Null or left out: the ticket names no contact.</param>
/// <param name="Tags">The ticket's whole set of tags; left out keeps the current ones, an empty list removes them all.</param>
public sealed record UpdateTicketRequest(
    Guid? CustomerId,
    Guid? ContactId,
    string? Subject,
    string? Description,
    string? Category,
    TicketPriority? Priority,
    TicketChannel? Channel,
    IReadOnlyList<string>? Tags) : ITicketFields;

public sealed class UpdateTicketRequestValidator : AbstractValidator<UpdateTicketRequest>
{
    public UpdateTicketRequestValidator()
    {
        Include(new TicketFieldsValidator<UpdateTicketRequest>());
        // A replacement that left these out would silently reset them to their defaults.
        RuleFor(request => request.Category).NotNull();
        RuleFor(request => request.Priority).NotNull();
        RuleFor(request => request.Channel).NotNull();
    }
}

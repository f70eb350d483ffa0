using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

/// <summary>The ticket's new fields (a full replacement). Status and assignment change through their own endpoints.</summary>
public sealed record UpdateTicketRequest(
    Guid? CustomerId,
    string? Subject,
    string? Description,
    TicketCategory? Category,
    TicketPriority? Priority,
    TicketChannel? Channel) : ITicketFields;

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

using Crm.Support.Model;
using FluentValidation;

namespace Crm.Support.Apis;

public sealed record ChangeStatusRequest(TicketStatus? Status);

public sealed class ChangeStatusRequestValidator : AbstractValidator<ChangeStatusRequest>
{
    public ChangeStatusRequestValidator() => RuleFor(request => request.Status).NotNull().IsInEnum();
}

using Crm.Sales.Model;
using FluentValidation;

namespace Crm.Sales.Apis;

/// <param name="Status">New, Contacted, Qualified or Disqualified; Converted only by converting.</param>
/// <param name="Reason">Required when disqualifying.</param>
public sealed record LeadStatusRequest(LeadStatus? Status, string? Reason);

public sealed class LeadStatusRequestValidator : AbstractValidator<LeadStatusRequest>
{
    public LeadStatusRequestValidator()
    {
        RuleFor(request => request.Status).NotNull().IsInEnum()
            .NotEqual(LeadStatus.Converted).WithMessage("A lead is converted with POST …/convert, which creates the customer and the opportunity.");
        RuleFor(request => request.Reason).NotEmpty().When(request => request.Status == LeadStatus.Disqualified)
            .WithMessage("Say why the lead is disqualified.");
        RuleFor(request => request.Reason).MaximumLength(500);
    }
}

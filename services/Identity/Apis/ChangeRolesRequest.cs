using FluentValidation;

namespace Crm.Identity.Apis;

public sealed record ChangeRolesRequest(IReadOnlyList<string>? Roles);

public sealed class ChangeRolesRequestValidator : AbstractValidator<ChangeRolesRequest>
{
    public ChangeRolesRequestValidator()
    {
        RuleFor(request => request.Roles).NotEmpty().WithMessage("A user needs at least one role.");
        RuleForEach(request => request.Roles).MustBeKnownRole();
    }
}

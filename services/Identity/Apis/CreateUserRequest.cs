using FluentValidation;

namespace Crm.Identity.Apis;

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles, Guid? TeamId);

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(request => request.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(request => request.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(request => request.Password).NotEmpty();
        RuleFor(request => request.Roles).NotEmpty().WithMessage("A user needs at least one role.");
        RuleForEach(request => request.Roles).MustBeKnownRole();
    }
}

using Crm.ServiceDefaults.Authentication;
using FluentValidation;

namespace Crm.Identity.Apis;

public static class RoleRules
{
    public static IRuleBuilderOptions<T, string> MustBeKnownRole<T>(this IRuleBuilderInitialCollection<T, string> rule) =>
        rule.Must(CrmRoles.IsKnown).WithMessage($"'{{PropertyValue}}' is not a role. Roles: {string.Join(", ", CrmRoles.All)}.");
}

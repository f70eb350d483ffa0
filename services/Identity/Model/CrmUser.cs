using Microsoft.AspNetCore.Identity;

namespace Crm.Identity.Model;

public class CrmUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public Guid? TeamId { get; set; }

    /// <summary>A deactivated user cannot sign in or refresh tokens; their records keep pointing at them.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Counts the changes other services hear of (<c>UserChanged</c>), so they apply them in order.</summary>
    public int Revision { get; set; }
}

using Crm.BuildingBlocks.Persistence;

namespace Crm.Support.Model;

/// <summary>
/// Support's copy of a user from the identity service's directory (<c>UserChanged</c>): who belongs to which team, so
/// a lead assigns only to members of their team.
/// </summary>
public class User : IRevisionedCopy
{
    public Guid Id { get; set; }
    public required string DisplayName { get; set; }
    public Guid? TeamId { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool IsActive { get; set; }

    /// <summary>The identity service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }
}

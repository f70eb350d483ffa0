using Crm.BuildingBlocks.Persistence;

namespace Crm.BuildingBlocks.UserCopies;

/// <summary>
/// A service's copy of a user from the identity service's directory (<c>UserChanged</c>): who is in which team and
/// who is still active. The identity service owns the record.
/// </summary>
public abstract class UserCopy : IRevisionedCopy
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public Guid? TeamId { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool IsActive { get; set; }

    /// <summary>The identity service's revision this copy reflects; older events are ignored.</summary>
    public int Revision { get; set; }
}

using Crm.BuildingBlocks.Persistence;

namespace Crm.Sales.Model;

/// <summary>
/// Sales' copy of a user from the identity service's directory: who is in which team (a manager sees the team's
/// deals) and who may own a deal. The identity service owns the record.
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

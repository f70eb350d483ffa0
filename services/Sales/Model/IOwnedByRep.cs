namespace Crm.Sales.Model;

/// <summary>Something counted under one deal owner (a deal or a pre-summed total of deals), so the ownership filters are written once.</summary>
public interface IOwnedByRep
{
    Guid OwnerId { get; }
}

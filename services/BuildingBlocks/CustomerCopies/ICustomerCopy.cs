using Crm.BuildingBlocks.Persistence;

namespace Crm.BuildingBlocks.CustomerCopies;

/// <summary>A service's own copy of a customer the customer service owns.</summary>
public interface ICustomerCopy : IRevisionedCopy
{
    /// <summary>Kept as a tombstone, so a late event about a deleted or merged customer cannot bring it back.</summary>
    bool IsDeleted { get; set; }
}

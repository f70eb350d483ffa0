using Crm.Customers.Model;
using Crm.Customers.Model.Valuation;

namespace Crm.Customers.Apis;

/// <summary>The filters the list and the export share.</summary>
public interface ICustomerFilter
{
    string? Q { get; }
    CustomerKind? Kind { get; }
    string? Region { get; }
    string? Industry { get; }
    string? Source { get; }
    Guid? OwnerId { get; }
    Guid? CompanyId { get; }
    string? Tag { get; }
    DateTimeOffset? CreatedFrom { get; }
    DateTimeOffset? CreatedTo { get; }
    ValueTier? Tier { get; }
    LifecycleStage? Lifecycle { get; }

    /// <summary>A rating grade of the value rules (<c>A</c>), any letter case.</summary>
    string? Grade { get; }
}

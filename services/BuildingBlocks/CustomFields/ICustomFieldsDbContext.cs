using Microsoft.EntityFrameworkCore;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>A service database that keeps custom field definitions (see <see cref="CustomFieldsApi"/>).</summary>
public interface ICustomFieldsDbContext
{
    DbSet<CustomFieldDefinition> CustomFieldDefinitions { get; }
}

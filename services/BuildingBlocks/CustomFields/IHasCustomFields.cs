using System.Text.Json;

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>A record that carries custom field values: a <c>jsonb</c> object, key → value.</summary>
public interface IHasCustomFields
{
    JsonDocument CustomFields { get; set; }
}

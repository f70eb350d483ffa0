namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// A list order a service serves from its custom field indexes: <paramref name="Suffix"/> ends the index's name (e.g.
/// <c>name</c>), <paramref name="Columns"/> follow the field's value in the index (e.g. <c>name, id</c>).
/// </summary>
public sealed record CustomFieldIndexOrder(string Suffix, string Columns);

namespace Crm.BuildingBlocks.CustomFields;

/// <summary>
/// A field an administrator added to a kind of record (customers here; deals or tickets elsewhere). Values live on
/// the record itself, in one JSON object keyed by <see cref="Key"/>, so a record and its custom values change together
/// under one ETag.
/// </summary>
public class CustomFieldDefinition
{
    public Guid Id { get; set; }

    /// <summary>The name in the API, filters and the JSON of values; fixed once created.</summary>
    public required string Key { get; set; }

    /// <summary>What people see: form labels and spreadsheet headers.</summary>
    public required string Label { get; set; }

    /// <summary>Fixed once created: stored values would no longer fit another type.</summary>
    public CustomFieldType Type { get; set; }

    /// <summary>The allowed values of a choice field, in display order.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>A new or replaced record must carry a value.</summary>
    public bool Required { get; set; }

    /// <summary>Hidden from forms, exports and imports; values already held stay and can still be filtered on.</summary>
    public bool Archived { get; set; }

    public int Position { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

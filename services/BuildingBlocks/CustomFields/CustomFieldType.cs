namespace Crm.BuildingBlocks.CustomFields;

public enum CustomFieldType
{
    Text,
    Number,

    /// <summary>A calendar day, kept as <c>yyyy-MM-dd</c> so it sorts and compares as text.</summary>
    Date,
    SingleChoice,
    MultiChoice,
}

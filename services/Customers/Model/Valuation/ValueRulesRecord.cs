namespace Crm.Customers.Model.Valuation;

/// <summary>The one stored copy of the <see cref="ValueRules"/>, versioned so two administrators cannot overwrite each other.</summary>
public class ValueRulesRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required ValueRules Rules { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}

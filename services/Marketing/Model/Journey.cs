using System.Text.Json;

namespace Crm.Marketing.Model;

/// <summary>A nurture journey: a trigger that enrols people and the steps (mail, wait, branch) each of them walks through.</summary>
public class Journey
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public JourneyStatus Status { get; set; }
    public JourneyTrigger Trigger { get; set; }
    public Guid? TriggerSegmentId { get; set; }
    public string? TriggerMatch { get; set; }
    public string? TriggerValue { get; set; }

    /// <summary>The steps as JSON (jsonb), read through <see cref="Plan"/>.</summary>
    public string Steps { get; set; } = "[]";

    public required string FromAddress { get; set; }
    public required string FromName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): the ETag an update or state change must name in If-Match.</summary>
    public uint Version { get; set; }

    public IReadOnlyList<JourneyStep> Plan => JsonSerializer.Deserialize<List<JourneyStep>>(Steps, Json) ?? [];

    public void SetPlan(IReadOnlyList<JourneyStep> steps) => Steps = JsonSerializer.Serialize(steps, Json);
}

using System.Text.Json.Nodes;
using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

/// <param name="MemberCount">Contacts in the segment now (live membership).</param>
/// <param name="EvaluatedAt">When the whole membership was last recomputed from the rules.</param>
/// <param name="RecheckAt">For rules that look back "in the last N days": the next periodic recomputation.</param>
public sealed record SegmentResponse(
    Guid Id, string Name, JsonNode? Rules, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long MemberCount,
    DateTimeOffset? EvaluatedAt, DateTimeOffset? RecheckAt)
{
    public static SegmentResponse From(Segment segment, long memberCount) => new(
        segment.Id, segment.Name, JsonNode.Parse(segment.Rules), segment.CreatedAt, segment.UpdatedAt, memberCount, segment.EvaluatedAt,
        segment.RecheckAt);
}

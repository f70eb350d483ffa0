using System.Text.Json.Nodes;
using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

/// <param name="MemberCount">Contacts in the segment now (live membership), whatever their consent.</param>
/// <param name="MailableCount">Of those, the ones a campaign or journey may mail: opted in and not suppressed.</param>
/// <param name="EvaluatedAt">When the whole membership was last recomputed from the rules.</param>
/// <param name="RecheckAt">For rules that look back "in the last N days": the next periodic recomputation.</param>
public sealed record SegmentResponse(
    Guid Id, string Name, JsonNode? Rules, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long MemberCount, long MailableCount,
    DateTimeOffset? EvaluatedAt, DateTimeOffset? RecheckAt)
{
    public static SegmentResponse From(Segment segment, long memberCount, long mailableCount) => new(
        segment.Id, segment.Name, JsonNode.Parse(segment.Rules), segment.CreatedAt, segment.UpdatedAt, memberCount, mailableCount, segment.EvaluatedAt,
        segment.RecheckAt);
}

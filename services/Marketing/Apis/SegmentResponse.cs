using System.Text.Json.Nodes;
using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

public sealed record SegmentResponse(Guid Id, string Name, JsonNode? Rules, DateTimeOffset CreatedAt)
{
    public static SegmentResponse From(Segment segment) => new(segment.Id, segment.Name, JsonNode.Parse(segment.Rules), segment.CreatedAt);
}

using System.Text.Json.Nodes;

namespace Crm.Marketing.Apis;

/// <param name="Rules">The rule tree: {"and":[...]}, {"or":[...]}, {"not":{...}} or {"field":"region","op":"eq","value":"EMEA"}.</param>
public sealed record SegmentRequest(string? Name, JsonNode? Rules);

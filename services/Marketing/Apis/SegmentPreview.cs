namespace Crm.Marketing.Apis;

/// <param name="Sample">Up to ten members, to check the rules select who was meant.</param>
public sealed record SegmentPreview(int Count, IReadOnlyList<SegmentMember> Sample);

public sealed record SegmentMember(Guid Id, string Name, string? Email);

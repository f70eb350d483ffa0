namespace Crm.Marketing.Apis;

/// <param name="Count">Contacts the rules select now, whatever their consent: a segment is an audience, not a mailing list.</param>
/// <param name="MailableCount">Of those, the ones a campaign or journey may mail: opted in and not on the suppression list
/// (the frequency cap is applied at send time).</param>
/// <param name="Sample">Up to ten members, to check the rules select who was meant.</param>
public sealed record SegmentPreview(int Count, int MailableCount, IReadOnlyList<SegmentMember> Sample);

public sealed record SegmentMember(Guid Id, string Name, string? Email);

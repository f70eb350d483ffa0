namespace Crm.Marketing.Apis;

/// <param name="Count">Members after the evaluation.</param>
/// <param name="Entered">Contacts that joined (each announced with ContactEnteredSegment).</param>
/// <param name="Left">Contacts that left (each announced with ContactLeftSegment).</param>
/// <param name="Sample">Up to ten members.</param>
public sealed record SegmentEvaluation(long Count, int Entered, int Left, IReadOnlyList<SegmentMember> Sample);

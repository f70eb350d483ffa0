namespace Crm.Marketing.Apis;

/// <param name="Count">Members after the evaluation, whatever their consent.</param>
/// <param name="MailableCount">Of those, the ones a campaign or journey may mail: opted in and not suppressed.</param>
/// <param name="Entered">Contacts that joined (each announced with ContactEnteredSegment).</param>
/// <param name="Left">Contacts that left (each announced with ContactLeftSegment).</param>
/// <param name="Sample">Up to ten members.</param>
public sealed record SegmentEvaluation(long Count, long MailableCount, int Entered, int Left, IReadOnlyList<SegmentMember> Sample);

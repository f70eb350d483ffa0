namespace Crm.Marketing.Apis;

/// <param name="ContactIds">The contacts the bounce was recorded for.</param>
/// <param name="NowBounced">Those whose consent became Bounced with this report (a hard bounce, or the soft bounce that reached the limit).</param>
public sealed record BounceResponse(IReadOnlyList<Guid> ContactIds, IReadOnlyList<Guid> NowBounced);

namespace Crm.BuildingBlocks.Messaging;

/// <summary>
/// What a starting process sends itself through its outbox, the broker and its inbox (see <see cref="MessagingWarmUp{TDbContext}"/>).
/// Plumbing, not a business event, so it is not in the contracts project. Every running process receives every probe
/// on a queue of its own and ignores the ones it did not send.
/// </summary>
public sealed record MessagingWarmUpProbe(Guid ProbeId);

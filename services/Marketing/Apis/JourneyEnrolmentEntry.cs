using Crm.Marketing.Model;

namespace Crm.Marketing.Apis;

/// <summary>One person's place on a journey.</summary>
/// <param name="StepIndex">The next step to run (0-based); the number of steps once the person is past the last one.</param>
/// <param name="StepKind">That step's kind (Email, Wait, Branch); null past the last step.</param>
/// <param name="DueAt">When an active person's next step runs (a wait ends); null once they left or completed.</param>
/// <param name="ExitReason">Why they left early (unsubscribed, bounced, the journey was archived, ...).</param>
public sealed record JourneyEnrolmentEntry(
    Guid ContactId, string Name, string? Email, EnrolmentStatus Status, int StepIndex, JourneyStepKind? StepKind, DateTimeOffset? DueAt,
    DateTimeOffset EnrolledAt, DateTimeOffset? EndedAt, string? ExitReason);

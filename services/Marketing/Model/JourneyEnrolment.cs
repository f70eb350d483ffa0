namespace Crm.Marketing.Model;

/// <summary>
/// One person's durable place in one journey: the next step and when it is due. Unique per (journey, contact): a
/// person walks a journey once. A runner claims a due row (<see cref="ClaimedAt"/>) while it works on it; a claim
/// older than the claim timeout belongs to a runner that died and is taken over.
/// </summary>
public class JourneyEnrolment
{
    public long Id { get; set; }
    public Guid JourneyId { get; set; }
    public Guid ContactId { get; set; }
    public EnrolmentStatus Status { get; set; }

    /// <summary>The index of the next step to run; the number of steps means the journey is done.</summary>
    public int StepIndex { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? ExitReason { get; set; }
}

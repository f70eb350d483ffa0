namespace Crm.Marketing.Model;

/// <summary>
/// The mail of one email step to one enrolled person; unique per (enrolment, step), so a step is mailed at most once
/// whatever restarts do. Its id is in the mail's tracking links, which set <see cref="OpenedAt"/> and
/// <see cref="ClickedAt"/> for the branch that follows.
/// </summary>
public class JourneyMessage
{
    public Guid Id { get; set; }
    public Guid JourneyId { get; set; }
    public long EnrolmentId { get; set; }
    public Guid ContactId { get; set; }
    public int StepIndex { get; set; }
    public Guid TemplateId { get; set; }
    public RecipientStatus Status { get; set; }

    /// <summary>The mail's Message-Id header, fixed before the send.</summary>
    public required string MessageId { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClickedAt { get; set; }
    public string? Detail { get; set; }
}

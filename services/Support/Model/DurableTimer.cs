namespace Crm.Support.Model;

/// <summary>
/// Something to do at a time, kept in the database so it survives restarts; the <see cref="Infrastructure.TimerWorker"/> claims due
/// rows with <c>FOR UPDATE SKIP LOCKED</c>, so each fires once however many replicas run.
/// </summary>
public class DurableTimer
{
    public Guid Id { get; set; }
    public TimerKind Kind { get; set; }

    /// <summary>The ticket (or care plan) the timer is about.</summary>
    public Guid SubjectId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// The SLA deadline a warning or breach timer was set for. A timer whose deadline is no longer the ticket's (the
    /// clock stopped, the targets were re-planned) is dropped when it comes due.
    /// </summary>
    public DateTimeOffset? Deadline { get; set; }
}

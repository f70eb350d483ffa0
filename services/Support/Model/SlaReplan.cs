namespace Crm.Support.Model;

/// <summary>
/// A re-plan of the open tickets an administrator's change of a calendar or an SLA policy affects, worked through in
/// the background by <see cref="Infrastructure.SlaReplanWorker"/> in ticket-id order, batch by batch. Each batch commits
/// with <see cref="Cursor"/>, so a restart resumes after the last ticket done; re-planning a ticket twice plans it the
/// same, so a batch repeated after a crash does no harm.
/// </summary>
public class SlaReplan
{
    public Guid Id { get; set; }

    /// <summary>The changed calendar: the tickets counted on it are re-planned.</summary>
    public Guid? CalendarId { get; set; }

    /// <summary>The created or changed policy: the tickets it may govern (<see cref="Infrastructure.SlaPlanner.GovernedBy"/>) are re-planned.</summary>
    public Guid? PolicyId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The last ticket re-planned; null before the first batch.</summary>
    public Guid? Cursor { get; set; }

    /// <summary>Tickets re-planned so far.</summary>
    public int Replanned { get; set; }

    public SlaReplanState State => CompletedAt is not null ? SlaReplanState.Completed
        : StartedAt is not null ? SlaReplanState.Running
        : SlaReplanState.Queued;

    /// <summary>
    /// Starts over from the first ticket: another change of the same calendar or policy came while this re-plan was
    /// queued or under way, and the tickets it already did were planned on the settings before that change.
    /// </summary>
    public void Restart(DateTimeOffset now) =>
        (RequestedAt, StartedAt, CompletedAt, Cursor, Replanned) = (now, null, null, null, 0);
}

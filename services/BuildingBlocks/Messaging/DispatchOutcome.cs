namespace Crm.BuildingBlocks.Messaging;

internal enum DispatchOutcome
{
    /// <summary>Another replica holds the dispatcher lock of this database.</summary>
    NotLeader,

    /// <summary>No pending row is left.</summary>
    Drained,

    /// <summary>A full batch went out; more rows may be waiting.</summary>
    MoreWaiting,

    /// <summary>A row could not be published; it and everything after it wait for the next attempt.</summary>
    Failed,
}

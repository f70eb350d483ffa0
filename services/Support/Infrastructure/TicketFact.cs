namespace Crm.Support.Infrastructure;

/// <summary>
/// A row of the SQL function <c>ticket_figure_facts</c>: what one ticket adds to its creation day (created, first
/// response, SLA outcomes) or to its resolution day (resolved, resolution time), with the durations' histogram buckets.
/// </summary>
public sealed record TicketFact(
    DateOnly Day,
    string Category,
    int Created,
    int FirstResponses,
    long FirstResponseMilliseconds,
    int? FirstResponseBucket,
    int FirstResponseTargets,
    int FirstResponseMet,
    int ResolutionTargets,
    int ResolutionMet,
    int Resolved,
    long ResolutionMilliseconds,
    int? ResolutionBucket);

namespace Crm.Marketing.Model.Segments;

/// <summary>
/// What a rule reads besides the contact: the behaviour history (the database's table, or a list in a unit test) and the
/// moment "in the last N days" counts back from.
/// </summary>
public sealed record SegmentSources(IQueryable<Behaviour> Behaviours, DateTimeOffset Now);

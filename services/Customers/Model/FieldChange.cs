namespace Crm.Customers.Model;

/// <summary>One field of a customer before and after a change, for the timeline.</summary>
public sealed record FieldChange(string Field, object? Before, object? After);

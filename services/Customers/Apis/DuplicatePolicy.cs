namespace Crm.Customers.Apis;

/// <summary>What a client wants when a new customer looks like an existing one (query parameter <c>onDuplicate</c>).</summary>
public static class DuplicatePolicy
{
    public const string Block = "block";
    public const string Allow = "allow";

    /// <summary>On a create allowed despite matches: their ids, comma-separated.</summary>
    public const string Header = "Possible-Duplicates";
}

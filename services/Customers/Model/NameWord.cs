namespace Crm.Customers.Model;

/// <summary>
/// One distinct word of the customers' names, lower-cased: the dictionary a typed word is corrected against before the
/// customers are looked up by their <see cref="Customer.NameWords"/>. Kept by a trigger on the customers table (see
/// docs/customers.md "Search and lists"), never written by the service.
/// </summary>
public class NameWord
{
    public required string Word { get; set; }
}

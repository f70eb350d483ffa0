namespace Crm.Customers.Model;

public class PurchaseItem
{
    public string? Sku { get; set; }
    public required string Name { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}

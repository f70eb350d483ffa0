namespace Crm.Customers.Model;

/// <summary>An order the customer placed: recorded by hand, imported, or from a deal won in sales.</summary>
public class Purchase
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset PurchasedAt { get; set; }
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code, such as <c>EUR</c>.</summary>
    public required string Currency { get; set; }

    public List<PurchaseItem> Items { get; set; } = [];

    /// <summary>Where the record came from: <c>manual</c>, <c>import</c> or <c>sales</c>.</summary>
    public required string Source { get; set; }

    /// <summary>The id in the source (a won opportunity), unique per source, so the same deal is never counted twice.</summary>
    public string? SourceReference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

namespace Crm.Sales.Model;

/// <summary>One of the administrator's reasons a deal may be lost for; analysis groups lost deals by it.</summary>
public class LostReason
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
}

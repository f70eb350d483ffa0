namespace Crm.Customers.Model.Imports;

public enum ImportMode
{
    /// <summary>New customers only; a row matching an existing customer is skipped as a duplicate.</summary>
    CreateOnly,

    /// <summary>A row matching a customer updates it; any other row creates one.</summary>
    CreateAndUpdate,

    /// <summary>A row matching a customer updates it; any other row is skipped.</summary>
    UpdateOnly,
}

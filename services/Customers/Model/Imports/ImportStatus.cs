namespace Crm.Customers.Model.Imports;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Reverting,
    Reverted,
}

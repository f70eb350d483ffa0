namespace Crm.Sales.Model;

public enum SalesTaskStatus
{
    Open,
    Done,
    Cancelled,
}

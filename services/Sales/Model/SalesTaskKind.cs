namespace Crm.Sales.Model;

public enum SalesTaskKind
{
    Call,
    Meeting,
    Email,
    ToDo,
}

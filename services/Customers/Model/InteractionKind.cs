namespace Crm.Customers.Model;

public enum InteractionKind
{
    Call,
    Meeting,
    Email,
    Visit,
    Note,
}

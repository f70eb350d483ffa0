namespace Crm.Customers.Model;

public enum FeedbackStatus
{
    Open,
    Resolved,
}

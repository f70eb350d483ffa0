namespace Crm.Customers.Model;

public enum FeedbackKind
{
    Praise,
    Suggestion,
    Complaint,
}

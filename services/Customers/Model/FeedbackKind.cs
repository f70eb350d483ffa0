namespace Crm.Customers.Model;

public enum FeedbackKind
{
    Praise,
    Suggestion,
    Complaint,

    /// <summary>An answer to support's satisfaction survey: its rating counts like any other; never entered by hand.</summary>
    SurveyAnswer,
}

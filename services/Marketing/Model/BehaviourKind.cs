namespace Crm.Marketing.Model;

public enum BehaviourKind
{
    Opened,
    Clicked,
    Visited,
    SurveyAnswered,
    Unsubscribed,
}

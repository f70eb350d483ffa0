namespace Crm.Marketing.Journeys;

/// <summary>What a person did with the journey's previous mail; a click counts as an open too, so it wins.</summary>
public enum MailOutcome
{
    Neither,
    Opened,
    Clicked,
}

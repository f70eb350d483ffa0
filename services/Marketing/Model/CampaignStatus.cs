namespace Crm.Marketing.Model;

public enum CampaignStatus
{
    Draft,
    Scheduled,
    Sending,
    Paused,
    Completed,
    Cancelled,
}

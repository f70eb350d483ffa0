namespace Crm.Marketing.Apis;

/// <param name="Delivered">Accepted by the SMTP server and not reported as bounced afterwards.</param>
/// <param name="Bounced">Distinct recipients whose mail bounced: refused while sending, or reported by the provider later (POST /bounces).</param>
/// <param name="Opened">Distinct contacts who opened; <paramref name="Clicked"/> likewise.</param>
/// <param name="Leads">Recipients handed to sales after the mail reached them.</param>
/// <param name="Daily">Opens, clicks and unsubscribes per UTC day, oldest first.</param>
public sealed record CampaignStats(
    Guid CampaignId, int Sent, int Delivered, int Failed, int Opened, int Clicked, int Unsubscribed, int Bounced, int Leads,
    IReadOnlyList<CampaignDay> Daily);

public sealed record CampaignDay(DateOnly Date, int Opens, int Clicks, int Unsubscribes);

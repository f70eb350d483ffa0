using Crm.Contracts.Sales;
using Crm.Sales.Model;

namespace Crm.Sales.Apis;

public static class LeadWrites
{
    public static void Apply(this Lead lead, LeadRequest request)
    {
        lead.Name = request.Name!.Trim();
        lead.Company = Clean(request.Company);
        lead.Email = Clean(request.Email);
        lead.Phone = Clean(request.Phone);
        lead.Region = Clean(request.Region);
        lead.Source = Clean(request.Source);
        lead.CampaignId = request.CampaignId;
        lead.Score = request.Score ?? lead.Score;
    }

    public static LeadCreated Created(this Lead lead) =>
        new(lead.Id, lead.ContactId, lead.Name, lead.Company, lead.Source, lead.CampaignId, lead.Score, lead.OwnerId, lead.CreatedAt);

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

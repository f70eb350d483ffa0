using Crm.BuildingBlocks.CustomerCopies;
using Crm.Contracts.Customers;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.IntegrationEvents;

/// <summary>
/// Sales keeps name, kind, e-mail (to link a converted lead), region and owner of each customer; a merge moves the
/// secondary's deals, converted leads and follow-ups.
/// </summary>
public sealed class CustomerCopyConsumer(SalesDbContext db, TimeProvider clock) : CustomerCopyConsumer<SalesDbContext, Customer>(db)
{
    public const string ErasedDealName = "Deal with an erased customer";
    public const string ErasedTaskTitle = "Task about an erased customer";

    protected override Customer NewCopy(Guid id) => new() { Id = id, Name = "", Kind = "" };

    protected override void Copy(Customer copy, CustomerRegistered registered)
    {
        copy.RegisteredAt = registered.OccurredAt;
        copy.Name = registered.Name;
        copy.Kind = registered.Kind;
        copy.Email = registered.Email;
        copy.Region = registered.Region;
        copy.OwnerId = registered.OwnerId;
    }

    protected override void Copy(Customer copy, CustomerUpdated updated)
    {
        copy.Name = updated.Name;
        copy.Kind = updated.Kind;
        copy.Email = updated.Email;
        copy.Region = updated.Region;
        copy.OwnerId = updated.OwnerId;
    }

    protected override void Anonymise(Customer copy)
    {
        copy.Name = ErasedName;
        copy.Email = null;
    }

    /// <summary>A new owner takes over the open follow-up (titled with the current name); a deleted or merged-away customer's is cancelled.</summary>
    protected override Task OnCopyChangedAsync(Customer copy, CancellationToken cancellationToken) =>
        Db.PlanFollowUpAsync(copy, clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// An erased person's leads (converted into the customer, or carrying its e-mail) lose their personal data, and every
    /// free text people wrote about the customer goes: deal names, task titles and notes of the customer's tasks and of
    /// tasks about its deals and leads. Amounts, dates, stages, statuses and lost reasons stay for reporting. Runs
    /// before the copy is anonymised, so the copy's e-mail still finds the person's leads.
    /// </summary>
    protected override async Task ForgetRecordsAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var email = await Db.Customers.Where(c => c.Id == customerId).Select(c => c.Email).FirstOrDefaultAsync(cancellationToken);
        var normalisedEmail = email?.ToLowerInvariant();
        var leads = Db.Leads.Where(lead => lead.CustomerId == customerId || (normalisedEmail != null && lead.Email!.ToLower() == normalisedEmail));
        var leadIds = await leads.Select(lead => lead.Id).ToListAsync(cancellationToken);
        await Db.Leads.Where(lead => leadIds.Contains(lead.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(lead => lead.Name, ErasedName)
            .SetProperty(lead => lead.Email, (string?)null)
            .SetProperty(lead => lead.Phone, (string?)null)
            .SetProperty(lead => lead.Company, (string?)null)
            .SetProperty(lead => lead.DisqualifiedReason, (string?)null), cancellationToken);

        var deals = Db.Opportunities.Where(deal => deal.CustomerId == customerId || (deal.LeadId != null && leadIds.Contains(deal.LeadId.Value)));
        var dealIds = await deals.Select(deal => deal.Id).ToListAsync(cancellationToken);
        await Db.Opportunities.Where(deal => dealIds.Contains(deal.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(deal => deal.Name, ErasedDealName), cancellationToken);

        var tasks = Db.Tasks.Where(task => task.CustomerId == customerId ||
            (task.OpportunityId != null && dealIds.Contains(task.OpportunityId.Value)) || (task.LeadId != null && leadIds.Contains(task.LeadId.Value)));
        await tasks.Where(task => task.IsFollowUp)
            .ExecuteUpdateAsync(set => set.SetProperty(task => task.Title, FollowUpPlanning.TitleFor(ErasedName)).SetProperty(task => task.Notes, (string?)null), cancellationToken);
        await tasks.Where(task => !task.IsFollowUp)
            .ExecuteUpdateAsync(set => set.SetProperty(task => task.Title, ErasedTaskTitle).SetProperty(task => task.Notes, (string?)null), cancellationToken);
    }

    protected override async Task RepointAsync(Guid from, Guid to, CancellationToken cancellationToken)
    {
        await Db.Opportunities.Where(deal => deal.CustomerId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(deal => deal.CustomerId, to), cancellationToken);
        await Db.Leads.Where(lead => lead.CustomerId == from)
            .ExecuteUpdateAsync(set => set.SetProperty(lead => lead.CustomerId, to), cancellationToken);
        // The secondary's open follow-up is cancelled with its copy; the primary keeps its own.
        await Db.Tasks.Where(task => task.CustomerId == from && !(task.IsFollowUp && task.Status == SalesTaskStatus.Open))
            .ExecuteUpdateAsync(set => set.SetProperty(task => task.CustomerId, to), cancellationToken);
    }
}

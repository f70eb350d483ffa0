using Crm.Contracts.Sales;
using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

/// <summary>
/// Converting a lead: the customer link, the opportunity, the lead's new status and the <see cref="LeadConverted"/>
/// event are one SaveChanges, so one transaction: either all happen or nothing does. A new customer's id is chosen
/// here and the customer service creates it from the event (no call between services).
/// </summary>
public static class LeadConversion
{
    public static async Task<Results<Ok<LeadResponse>, NotFound, ProblemHttpResult>> Convert(
        Guid id, ConvertLeadRequest request, CurrentUser caller, SalesDbContext db, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (lead, expectedVersion, refusal) = await LeadsApi.FindForChangeAsync(id, caller, db, http, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        if (lead.Status == LeadStatus.Disqualified)
        {
            return SalesProblems.Conflict("The lead is disqualified.", "Set it back to new, contacted or qualified before converting it.");
        }

        if ((lead.OwnerId ?? caller.UserId) is not { } ownerId)
        {
            return SalesProblems.Conflict("The lead has no owner.", "Assign the lead to a sales user before converting it.");
        }

        var now = clock.GetUtcNow();
        var (customer, customerProblem) = await FindCustomerAsync(db, lead, request, cancellationToken);
        if (customerProblem is not null)
        {
            return customerProblem;
        }

        var kind = request.Kind ?? (lead.Company is null ? "Person" : "Company");
        var newCustomer = customer is null;
        // A placeholder copy at revision 0, so the deal's customer reference holds now; CustomerRegistered (revision 1)
        // from the customer service overwrites it with the record as created.
        customer ??= db.Customers.Add(new Customer
        {
            Id = Guid.CreateVersion7(now),
            Name = kind == "Company" ? lead.Company ?? lead.Name : lead.Name,
            Kind = kind,
            Email = lead.Email,
            Region = lead.Region,
            OwnerId = ownerId,
            RegisteredAt = now,
            Revision = 0,
        }).Entity;

        Opportunity? opportunity = null;
        if (request.Opportunity is { } deal)
        {
            var (stage, stageProblem) = await db.StartStageAsync(deal.PipelineId, deal.StageId, "opportunity.", cancellationToken);
            if (stageProblem is not null)
            {
                return stageProblem;
            }

            opportunity = db.Open(stage!, new CreateOpportunityRequest(deal.Name, customer.Id, stage!.PipelineId, stage.Id, deal.Amount,
                deal.Currency, deal.ExpectedCloseDate, lead.Source, ownerId, deal.Probability), ownerId, lead.Id, now);
        }

        lead.Status = LeadStatus.Converted;
        lead.OwnerId = ownerId;
        lead.CustomerId = customer.Id;
        lead.OpportunityId = opportunity?.Id;
        lead.ConvertedAt = now;
        lead.UpdatedAt = now;
        db.AddIntegrationEvent(new LeadConverted(lead.Id, customer.Id, newCustomer, opportunity?.Id, kind, lead.Name, lead.Email,
            lead.Phone, lead.Company, lead.Region, lead.Source, ownerId, now), orderingKey: lead.Id.ToString());
        return await LeadsApi.SaveAsync(db, lead, expectedVersion, http, cancellationToken);
    }

    /// <summary>The existing customer to link to, or null for a new one; a named customer that does not exist is a 400.</summary>
    private static async Task<(Customer? Customer, ProblemHttpResult? Problem)> FindCustomerAsync(
        SalesDbContext db, Lead lead, ConvertLeadRequest request, CancellationToken cancellationToken)
    {
        if ((request.CustomerId ?? lead.CustomerId) is { } customerId)
        {
            var named = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId && !c.IsDeleted, cancellationToken);
            return named is null ? (null, SalesProblems.Invalid("customerId", $"There is no customer {customerId}.")) : (named, null);
        }

        if (lead.Email is null)
        {
            return (null, null);
        }

        var email = lead.Email.ToLower();
        var matched = await db.Customers.Where(c => !c.IsDeleted && c.Email != null && c.Email.ToLower() == email)
            .OrderBy(c => c.RegisteredAt).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return (matched, null);
    }
}

using Crm.Contracts.Sales;
using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// A lead converted in sales: when sales chose a new customer id, the customer is created here under that id, so the
/// opportunity sales created in the same action points at a real customer. The id makes it happen once, whatever
/// the redelivery.
/// </summary>
public sealed class LeadConversionConsumer(CustomersDbContext db, ValueRecalculator recalculator) : IConsumer<LeadConverted>
{
    public async Task Consume(ConsumeContext<LeadConverted> context)
    {
        var lead = context.Message;
        var exists = await db.Customers.AnyAsync(customer => customer.Id == lead.CustomerId, context.CancellationToken);
        if (lead.NewCustomer && !exists)
        {
            await RegisterAsync(lead, context.CancellationToken);
        }
        else if (!exists)
        {
            return;   // linked to a customer erased or merged away meanwhile: nothing to note
        }

        db.AddTimelineEntry(lead.CustomerId, lead.OccurredAt, "lead.converted",
            lead.NewCustomer ? $"Became a customer from lead {lead.Name}" : $"Lead {lead.Name} converted onto this customer",
            new { lead.LeadId, lead.OpportunityId, lead.Source }, lead.OwnerId.ToString(), "sales");
        await recalculator.SaveAndRevalueAsync(lead.CustomerId, context.CancellationToken);
    }

    private async Task RegisterAsync(LeadConverted lead, CancellationToken cancellationToken)
    {
        var kind = Enum.TryParse<CustomerKind>(lead.Kind, ignoreCase: true, out var parsed) ? parsed : CustomerKind.Person;
        var companyId = kind == CustomerKind.Person && lead.Company is { Length: > 0 } company
            ? await db.Customers.Where(c => c.Kind == CustomerKind.Company && c.ErasedAt == null && c.Name.ToLower() == company.ToLower())
                .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var customer = new Customer { Id = lead.CustomerId, Kind = kind, Name = "", CreatedAt = lead.OccurredAt, UpdatedAt = lead.OccurredAt };
        var fields = customer.Apply(new CreateCustomerRequest(
            kind, lead.Name, companyId, lead.Email, lead.Phone, Address: null, Industry: null, lead.Region, lead.Source ?? "lead", lead.OwnerId, Tags: []));
        db.AddCustomer(customer, fields, $"{customer.Kind} {customer.Name} created from a sales lead", lead.OwnerId.ToString());
    }
}

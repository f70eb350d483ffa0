using Crm.Marketing.Consent;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

public static class ContactsApi
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(MarketingApi.Prefix).WithTags("Contacts").RequireRoles(CrmRoles.Marketing);

        api.MapGet("/customers/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Reads this service's copy of a customer, kept up to date from the customer service's events.");
        api.MapGet("/contacts/{id:guid}", GetContact)
            .WithSummary("Reads a contact: what segments select on and the consent state (OptedIn, Unsubscribed, Bounced, Erased).");
        api.MapPost("/contacts/{id:guid}/unsubscribe", Unsubscribe)
            .WithSummary("Records that the person asked for no more marketing mail (say, by phone); no path mails them again.");
        return app;
    }

    public static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(Guid id, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && !c.IsDeleted, cancellationToken);
        return customer is null ? TypedResults.NotFound() : TypedResults.Ok(customer);
    }

    public static async Task<Results<Ok<ContactResponse>, NotFound>> GetContact(Guid id, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && !c.IsDeleted, cancellationToken);
        return contact is null ? TypedResults.NotFound() : TypedResults.Ok(ContactResponse.From(contact));
    }

    public static async Task<Results<Ok<ContactResponse>, NotFound>> Unsubscribe(
        Guid id, MarketingDbContext db, ConsentChanges consent, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contact = await db.Customers.FirstOrDefaultAsync(c => c.Id == id && !c.IsDeleted, cancellationToken);
        if (contact is null)
        {
            return TypedResults.NotFound();
        }

        await consent.UnsubscribeAsync(contact, null, "Marketer", clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(ContactResponse.From(contact));
    }
}

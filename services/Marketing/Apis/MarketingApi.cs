using Crm.Marketing.Infrastructure;
using Crm.Marketing.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Apis;

public static class MarketingApi
{
    public const string Prefix = "/api/marketing";

    public static IEndpointRouteBuilder MapMarketingApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        var api = app.MapGroup(Prefix).RequireRoles(CrmRoles.Marketing);

        api.MapGet("/customers/{id:guid}", GetCustomer)
            .WithTags("Customers")
            .WithName(nameof(GetCustomer))
            .WithSummary("Reads this service's copy of a customer, kept up to date from the customer service's events.");
        return app;
    }

    public static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(Guid id, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && !c.IsDeleted, cancellationToken);
        return customer is null ? TypedResults.NotFound() : TypedResults.Ok(customer);
    }
}

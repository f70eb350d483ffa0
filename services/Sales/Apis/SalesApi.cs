using Crm.Sales.Infrastructure;
using Crm.Sales.Model;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Apis;

public static class SalesApi
{
    public const string Prefix = "/api/sales";

    public static IEndpointRouteBuilder MapSalesApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        // Marketers and support never reach sales data (OWASP API5); within sales, ownership scopes each record.
        var api = app.MapGroup(Prefix).RequireRoles(CrmRoles.Sales);

        api.MapGet("/customers/{id:guid}", GetCustomer)
            .WithTags("Customers")
            .WithName(nameof(GetCustomer))
            .WithSummary("Reads this service's copy of a customer, kept up to date from the customer service's events.");
        api.MapPipelinesApi();
        api.MapOpportunitiesApi();
        api.MapLostReasonsApi();
        api.MapLeadsApi();
        api.MapLeadAssignmentRulesApi();
        api.MapForecastApi();
        api.MapTasksApi();
        api.MapFollowUpCadencesApi();
        api.MapAnalysisApi();
        api.MapTeamPerformanceApi();
        return app;
    }

    public static async Task<Results<Ok<Customer>, NotFound>> GetCustomer(Guid id, SalesDbContext db, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && !c.IsDeleted, cancellationToken);
        return customer is null ? TypedResults.NotFound() : TypedResults.Ok(customer);
    }
}

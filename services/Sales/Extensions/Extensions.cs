using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Sales.Infrastructure;
using Crm.Sales.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;

namespace Crm.Sales.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddSalesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<SalesDbContext>("salesdb");
        builder.AddMessaging<SalesDbContext>("sales", bus => bus.AddConsumer<CustomerCopyConsumer>());
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        return builder;
    }
}

using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;

namespace Crm.Marketing.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddMarketingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<MarketingDbContext>("marketingdb");
        builder.AddMessaging<MarketingDbContext>("marketing", bus => bus.AddConsumer<CustomerCopyConsumer>());
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        return builder;
    }
}

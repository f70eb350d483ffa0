using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Infrastructure;
using Crm.Customers.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using FluentValidation;

namespace Crm.Customers.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddCustomersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<CustomersDbContext>("customersdb");
        builder.AddMessaging<CustomersDbContext>("customers", bus =>
        {
            bus.AddConsumer<SalesActivityConsumer>();
            bus.AddConsumer<SupportActivityConsumer>();
            bus.AddConsumer<MarketingActivityConsumer>();
        });
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        return builder;
    }
}

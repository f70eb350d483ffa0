using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Sales.Infrastructure;
using Crm.Sales.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using FluentValidation;

namespace Crm.Sales.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddSalesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<SalesDbContext>("salesdb");
        builder.AddMessaging<SalesDbContext>("sales", bus =>
        {
            bus.AddConsumer<CustomerCopyConsumer>();
            bus.AddConsumer<UserCopyConsumer>();
            bus.AddConsumer<LeadHandedOffConsumer>();
            bus.AddConsumer<FollowUpConsumer>();
        });
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        builder.Services.AddHostedService<FollowUpDueNotifier>();
        return builder;
    }
}

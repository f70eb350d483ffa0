using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Support.Infrastructure;
using Crm.Support.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using FluentValidation;

namespace Crm.Support.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddSupportServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<SupportDbContext>("supportdb");
        builder.AddMessaging<SupportDbContext>("support", bus =>
        {
            bus.AddConsumer<CustomerCopyConsumer>();
            bus.AddConsumer<UserDirectoryConsumer>();
        });
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        return builder;
    }
}

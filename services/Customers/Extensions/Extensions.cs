using Crm.BuildingBlocks.CustomFields;
using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.Infrastructure.Imports;
using Crm.Customers.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.WarmUp;
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
            bus.AddConsumer<LeadConversionConsumer>();
            bus.AddConsumer<MarketingActivityConsumer>();
            bus.AddConsumer<ProspectSignalsConsumer>();
        });
        builder.Services.AddScoped<ValueRecalculator>();
        builder.Services.AddWarmUpStep<CustomerWritesWarmUp>();
        builder.Services.Configure<ValueSweepOptions>(builder.Configuration.GetSection(ValueSweepOptions.Section));
        builder.Services.AddHostedService<ValueSweepWorker>();
        builder.Services.AddScoped<ImportProcessor>();
        builder.Services.AddScoped<ImportBatchWriter>();
        builder.Services.AddScoped<ImportReverter>();
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddCustomFieldIndexes<CustomersDbContext>("customers", CustomerQueries.CustomFieldOrders);
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        return builder;
    }
}

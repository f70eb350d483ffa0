using Crm.BuildingBlocks.Mail;
using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Support.Apis;
using Crm.Support.Infrastructure;
using Crm.Support.IntegrationEvents;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.Testing;
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
            bus.AddConsumer<CustomerTierConsumer>();
        });
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();
        builder.AddMailSender();
        builder.Services.Configure<SupportOptions>(builder.Configuration.GetSection(SupportOptions.SectionName));
        builder.Services.AddSingleton<SurveyTokens>();
        builder.Services.AddScoped<SatisfactionSurveys>();
        builder.Services.AddScoped<SlaPlanner>();
        builder.Services.AddScoped<MetricsQueries>();
        builder.Services.AddScoped<CarePlanRounds>();
        builder.Services.AddScoped<AutoAssigner>();
        builder.Services.AddScoped<TimerHandler>();
        builder.Services.Configure<TimerOptions>(builder.Configuration.GetSection("Timers"));
        builder.Services.AddHostedService<TimerWorker>();
        builder.Services.Configure<SlaReplanOptions>(builder.Configuration.GetSection("SlaReplans"));
        builder.Services.AddHostedService<SlaReplanWorker>();
        builder.AddTestClockWhenEnabled();

        return builder;
    }
}

using Crm.BuildingBlocks.Security;
using Crm.BuildingBlocks.Mail;
using Crm.BuildingBlocks.Messaging;
using Crm.BuildingBlocks.Persistence;
using Crm.Marketing.Consent;
using Crm.Marketing.Infrastructure;
using Crm.Marketing.IntegrationEvents;
using Crm.Marketing.Journeys;
using Crm.Marketing.Scoring;
using Crm.Marketing.Segments;
using Crm.Marketing.Sending;
using Crm.ServiceDefaults.Authentication;
using Crm.ServiceDefaults.OpenApi;
using Crm.ServiceDefaults.Testing;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Crm.Marketing.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddMarketingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDbContext<MarketingDbContext>("marketingdb");
        builder.AddMessaging<MarketingDbContext>("marketing", bus =>
        {
            bus.AddConsumer<CustomerCopyConsumer>();
            bus.AddConsumer<CustomerValueConsumer>();
            bus.AddConsumer<JourneyTriggerConsumer>();
            bus.AddConsumer<JourneyExitConsumer>();
        });
        builder.AddMailSender();
        builder.AddServiceOpenApi();
        builder.AddCrmAuthentication();
        builder.AddTestClockWhenEnabled();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>();

        builder.Services.AddOptions<MarketingOptions>().BindConfiguration(MarketingOptions.SectionName);
        builder.Services.AddSingleton(provider => new LinkSigner(
            provider.GetRequiredService<IOptions<MarketingOptions>>().Value.SigningKey, "Marketing:SigningKey"));
        builder.Services.AddScoped<MailingPolicy>();
        builder.Services.AddScoped<BounceRecorder>();
        builder.Services.AddScoped<ConsentChanges>();
        builder.Services.AddScoped<MailComposer>();
        builder.Services.AddScoped<SegmentEvaluator>();
        builder.Services.AddScoped<RecipientQueue>();
        builder.Services.AddScoped<LeadScorer>();
        builder.Services.AddHostedService<CampaignSender>();
        builder.Services.AddScoped<LiveSegments>();
        builder.Services.AddHostedService<SegmentRecheckSweep>();
        builder.Services.AddHostedService<LeadScoreDecaySweep>();
        builder.Services.AddScoped<JourneyEnroller>();
        builder.Services.AddHostedService<JourneyRunner>();
        return builder;
    }
}

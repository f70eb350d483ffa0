using Crm.ServiceDefaults.OpenApi;

namespace Crm.Marketing.Apis;

public static class MarketingApi
{
    public const string Prefix = "/api/marketing";

    public static IEndpointRouteBuilder MapMarketingApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceOpenApi(Prefix);
        app.MapContactsApi();
        app.MapSuppressionsApi();
        app.MapUnsubscribeApi();
        app.MapTemplatesApi();
        app.MapSegmentsApi();
        app.MapCampaignsApi();
        app.MapTrackingApi();
        app.MapBehaviourApi();
        app.MapScoringRulesApi();
        app.MapJourneysApi();
        app.MapBouncesApi();
        return app;
    }
}

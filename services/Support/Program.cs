using Crm.Support.Apis;
using Crm.Support.Extensions;
using Crm.Support.Infrastructure;
using Crm.ServiceDefaults.Testing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSupportServices();

var app = builder.Build();
if (await app.RunMigrationsIfRequestedAsync<SupportDbContext>(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapSupportApi();
app.MapTicketsApi();
app.MapTicketCommentsApi();
app.MapCategoriesApi();
app.MapSlaSettingsApi();
app.MapAssignmentRulesApi();
app.MapSurveysApi();
app.MapMetricsApi();
app.MapCarePlansApi();
app.MapTestClockApi(SupportApi.Prefix);

app.Run();

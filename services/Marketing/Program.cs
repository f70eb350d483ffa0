using Crm.Marketing.Apis;
using Crm.Marketing.Extensions;
using Crm.Marketing.Infrastructure;
using Crm.ServiceDefaults.Testing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMarketingServices();

var app = builder.Build();
if (await app.RunMigrationsIfRequestedAsync<MarketingDbContext>(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapMarketingApi();
app.MapTestClockApi(MarketingApi.Prefix);

app.Run();

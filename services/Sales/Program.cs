using Crm.Sales.Apis;
using Crm.Sales.Extensions;
using Crm.Sales.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSalesServices();

var app = builder.Build();
if (await app.RunMigrationsIfRequestedAsync<SalesDbContext>(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapSalesApi();

app.Run();

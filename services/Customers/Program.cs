using Crm.BuildingBlocks.CustomFields;
using Crm.Customers.Apis;
using Crm.Customers.Extensions;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCustomersServices();

var app = builder.Build();
if (await app.RunMigrationsIfRequestedAsync<CustomersDbContext>(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapCustomersApi();
app.MapCustomerExportsApi();
app.MapCustomerHistoryApi();
app.MapCustomerMergeApi();
app.MapCustomerPrivacyApi();
app.MapValueRulesApi();
app.MapCustomerInsightsApi();
app.MapCustomerImportsApi();
app.MapCustomFieldsApi<CustomersDbContext, Customer>(CustomersApi.Prefix, "Customer custom fields");

app.Run();

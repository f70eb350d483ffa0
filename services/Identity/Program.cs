using Crm.Identity.Apis;
using Crm.Identity.Extensions;
using Crm.Identity.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
if (await app.RunMigrationsIfRequestedAsync<IdentityDbContext>(args, (services, ct) => services.GetRequiredService<IdentitySeeder>().SeedAsync(ct)))
{
    return;
}

app.UseForwardedHeaders();
app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapConnectApi();
app.MapAccountApi();
app.MapUsersApi();
app.MapTeamsApi();
app.MapClientsApi();
app.MapAuditApi();

app.Run();

using Crm.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.UseGatewayProtections();
app.MapGateway();

app.Run();

/// <summary>Visible to the tests, which start the gateway with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;

using Crm.Hosting;
using Microsoft.Extensions.Configuration;

namespace Crm.AppHost;

/// <summary>
/// What the CRM is made of and how the parts reference each other, written as a .NET Aspire AppHost would write it.
/// The AppHost runs it; the end-to-end tests start exactly the same topology.
/// </summary>
public static class CrmTopology
{
    public const string DefaultGatewayPort = "5080";
    public const string AdminEmail = "admin@crm.local";
    public const string AdminPasswordParameter = "admin-password";
    public const string MarketingSigningKeyParameter = "marketing-signing-key";
    public const string SupportSigningKeyParameter = "support-signing-key";

    /// <summary>Where the API browser at /docs receives the OAuth callback; registered for the web client.</summary>
    public const string DocsRedirectPath = "/docs/";

    /// <param name="configureEachProject">Lets tests add settings (say, a telemetry endpoint) to every process.</param>
    public static void Define(DistributedApplicationBuilder builder, Action<IResourceBuilder<ProjectResource>>? configureEachProject = null)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");
        // Development mail goes to a catcher, never to real people; ConnectionStrings__mail names a real server instead.
        var mail = builder.AddMailCatcher("mail");
        var adminPassword = builder.AddParameter(AdminPasswordParameter, secret: true);
        // Signs unsubscribe and tracking links; kept across runs so links in mail already sent keep working.
        var marketingSigningKey = builder.AddParameter(MarketingSigningKeyParameter, secret: true);
        // Signs satisfaction survey links, kept across runs for the same reason.
        var supportSigningKey = builder.AddParameter(SupportSigningKeyParameter, secret: true);

        // Created first because everybody needs its address: tokens name the gateway's URL as their issuer.
        var gateway = builder.AddProject("gateway", "gateway/Crm.Gateway.csproj")
            .WithHttpEndpoint(int.Parse(builder.Configuration["AppHost:GatewayPort"] ?? DefaultGatewayPort));
        var publicAddress = gateway.Resource.Endpoint.ToString().TrimEnd('/');
        var issuer = $"{publicAddress}/";

        var identity = builder.AddProject("identity", "services/Identity/Crm.Identity.csproj")
            .WithReference(postgres.AddDatabase("identitydb")).WithReference(messaging).WithReference(cache)
            .WithMigrations()
            .WithEnvironment("Identity__Issuer", issuer)
            .WithEnvironment("Identity__Bootstrap__AdminEmail", AdminEmail)
            .WithEnvironment("Identity__Bootstrap__AdminPassword", adminPassword)
            .WithEnvironment("Identity__WebClient__RedirectUris__0", $"{publicAddress}{DocsRedirectPath}")
            .WaitFor(postgres).WaitFor(messaging).WaitFor(cache);
        configureEachProject?.Invoke(identity);

        IResourceBuilder<ProjectResource> AddService(string name, string projectPath, IResourceBuilder<PostgresDatabaseResource> database)
        {
            var service = builder.AddProject(name, projectPath)
                .WithReference(database).WithReference(messaging).WithReference(cache).WithReference(identity)
                .WithEnvironment("Identity__Issuer", issuer)
                .WithMigrations()
                .WaitFor(database).WaitFor(messaging).WaitFor(cache).WaitFor(identity);
            configureEachProject?.Invoke(service);
            return service;
        }

        var customers = AddService("customers", "services/Customers/Crm.Customers.csproj", postgres.AddDatabase("customersdb"));
        var sales = AddService("sales", "services/Sales/Crm.Sales.csproj", postgres.AddDatabase("salesdb"));
        var marketing = AddService("marketing", "services/Marketing/Crm.Marketing.csproj", postgres.AddDatabase("marketingdb"))
            .WithReference(mail).WaitFor(mail)
            .WithEnvironment("Marketing__PublicBaseUrl", publicAddress)
            .WithEnvironment("Marketing__SigningKey", marketingSigningKey);
        var support = AddService("support", "services/Support/Crm.Support.csproj", postgres.AddDatabase("supportdb"))
            .WithReference(mail).WaitFor(mail)
            .WithEnvironment("Support__PublicBaseUrl", publicAddress)
            .WithEnvironment("Support__SurveySigningKey", supportSigningKey);

        gateway
            .WithReference(identity).WithReference(customers).WithReference(sales).WithReference(marketing).WithReference(support)
            .WithReference(cache)
            .WithEnvironment("Identity__Issuer", issuer)
            .WaitFor(identity).WaitFor(customers).WaitFor(sales).WaitFor(marketing).WaitFor(support);
        configureEachProject?.Invoke(gateway);

        builder.AddSummaryLine(() =>
            $"Sign in at {publicAddress}/docs as {AdminEmail} with password {adminPassword.Value} (kept in {builder.StateDirectory}/parameters).");
    }
}

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

    /// <param name="configureEachProject">Lets tests add settings (say, a telemetry endpoint) to every process.</param>
    public static void Define(DistributedApplicationBuilder builder, Action<IResourceBuilder<ProjectResource>>? configureEachProject = null)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");
        var cache = builder.AddRedis("cache");

        IResourceBuilder<ProjectResource> AddService(string name, string projectPath, IResourceBuilder<PostgresDatabaseResource> database)
        {
            var service = builder.AddProject(name, projectPath)
                .WithReference(database).WithReference(messaging).WithReference(cache)
                .WithMigrations()
                .WaitFor(database).WaitFor(messaging).WaitFor(cache);
            configureEachProject?.Invoke(service);
            return service;
        }

        var customers = AddService("customers", "services/Customers/Crm.Customers.csproj", postgres.AddDatabase("customersdb"));
        var sales = AddService("sales", "services/Sales/Crm.Sales.csproj", postgres.AddDatabase("salesdb"));
        var marketing = AddService("marketing", "services/Marketing/Crm.Marketing.csproj", postgres.AddDatabase("marketingdb"));
        var support = AddService("support", "services/Support/Crm.Support.csproj", postgres.AddDatabase("supportdb"));

        var gateway = builder.AddProject("gateway", "gateway/Crm.Gateway.csproj")
            .WithReference(customers).WithReference(sales).WithReference(marketing).WithReference(support)
            .WithReference(cache)
            .WaitFor(customers).WaitFor(sales).WaitFor(marketing).WaitFor(support)
            .WithHttpEndpoint(int.Parse(builder.Configuration["AppHost:GatewayPort"] ?? DefaultGatewayPort));
        configureEachProject?.Invoke(gateway);
    }
}

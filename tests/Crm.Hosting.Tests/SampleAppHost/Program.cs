using Crm.Hosting;
using Microsoft.Extensions.Configuration;

// The real AppHost's shape with one sample service as "gateway", so the orchestrator can be tested as a process.
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, ForTests = true });

var postgres = builder.AddPostgres("postgres");
var database = postgres.AddDatabase("sampledb");
var messaging = builder.AddRabbitMQ("messaging");
var cache = builder.AddRedis("cache");

builder.AddProject("gateway", "tests/Crm.Hosting.Tests/SampleService/Crm.Hosting.SampleService.csproj")
    .WithReference(database).WithReference(messaging).WithReference(cache)
    .WithMigrations()
    .WaitFor(database).WaitFor(messaging).WaitFor(cache)
    .WithHttpEndpoint(builder.Configuration.GetValue("AppHost:GatewayPort", 5080));

return await AppHostRunner.RunAsync(builder);

using Crm.Hosting;
using Crm.Sales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL with the sales service's migrations applied (its triggers included), started by the project's
/// hosting library in a private folder that is deleted afterwards.
/// </summary>
public sealed class SalesDatabase : IAsyncLifetime
{
    /// <summary>The default pipeline the migrations seed.</summary>
    public static readonly Guid SeededPipelineId = new("5a1e5000-0000-4000-8000-000000000001");

    private const string DatabaseResource = "salesdb";
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"crm-sales-tests-{Guid.NewGuid():N}");
    private DistributedApplication? servers;
    private string? connectionString;

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { StateDirectory = stateDirectory, ForTests = true });
        builder.AddPostgres("postgres").AddDatabase(DatabaseResource);
        servers = builder.Build();
        await servers.StartAsync(TestContext.Current.CancellationToken);
        connectionString = servers.GetConnectionString(DatabaseResource);
        await using var db = NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The database has not started.");

    /// <summary>A context configured as the service configures its own.</summary>
    public SalesDbContext NewContext() => new(new DbContextOptionsBuilder<SalesDbContext>()
        .UseNpgsql(ConnectionString)
        .UseSnakeCaseNamingConvention()
        .Options);

    public async ValueTask DisposeAsync()
    {
        if (servers is not null)
        {
            await servers.DisposeAsync();
        }

        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.BuildingBlocks.Tests.Infrastructure;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting servers; it never connects.</summary>
public sealed class TestDbContextFactory : IDesignTimeDbContextFactory<TestDbContext>
{
    public TestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql("Host=localhost;Database=design_time").UseSnakeCaseNamingConvention().Options);
}

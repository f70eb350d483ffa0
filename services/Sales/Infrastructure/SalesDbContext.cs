using Crm.BuildingBlocks.Messaging;
using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Sales.Infrastructure;

public class SalesDbContext(DbContextOptions<SalesDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SalesDbContext).Assembly);
    }
}

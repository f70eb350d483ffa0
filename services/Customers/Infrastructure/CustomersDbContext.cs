using Crm.BuildingBlocks.Messaging;
using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Infrastructure;

public class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }
}

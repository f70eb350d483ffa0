using Crm.BuildingBlocks.Messaging;
using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Marketing.Infrastructure;

public class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketingDbContext).Assembly);
    }
}

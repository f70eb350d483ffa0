using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        // The id is the customer service's; this copy never makes its own.
        builder.Property(customer => customer.Id).ValueGeneratedNever();
        builder.Property(customer => customer.Name).HasMaxLength(200);
        builder.Property(customer => customer.Kind).HasMaxLength(20);
        builder.Property(customer => customer.Tier).HasMaxLength(40);
        builder.Property(customer => customer.Lifecycle).HasMaxLength(40);
        builder.Property(customer => customer.TotalSpend).HasPrecision(18, 2);
        builder.Property(customer => customer.Consent).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(customer => customer.FirstName);
        // The decay sweep's queue: scored contacts, longest unchecked first.
        builder.HasIndex(customer => customer.LeadScoreCheckedAt).HasFilter("lead_score <> 0 AND NOT is_deleted");
    }
}

using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        // The id is the customer service's; this copy never makes its own.
        builder.Property(customer => customer.Id).ValueGeneratedNever();
        builder.Property(customer => customer.Name).HasMaxLength(200);
        builder.Property(customer => customer.Kind).HasMaxLength(16);
        builder.HasIndex(customer => customer.CompanyId);
        builder.Property(customer => customer.Tier).HasConversion<string>().HasMaxLength(16);
    }
}

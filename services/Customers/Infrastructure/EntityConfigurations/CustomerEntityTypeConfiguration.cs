using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(customer => customer.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(customer => customer.Name).HasMaxLength(200);
        builder.Property(customer => customer.Email).HasMaxLength(254);
        builder.Property(customer => customer.Phone).HasMaxLength(32);
        builder.Property(customer => customer.Industry).HasMaxLength(100);
        builder.Property(customer => customer.Region).HasMaxLength(100);
        builder.Property(customer => customer.Source).HasMaxLength(100);
        builder.Property(customer => customer.Version).IsRowVersion();
        builder.HasIndex(customer => customer.Email);
    }
}

using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class PurchaseEntityTypeConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.ToTable("purchases");
        builder.Property(purchase => purchase.Amount).HasPrecision(18, 2);
        builder.Property(purchase => purchase.Currency).HasMaxLength(3);
        builder.Property(purchase => purchase.Source).HasMaxLength(16);
        builder.Property(purchase => purchase.SourceReference).HasMaxLength(100);
        builder.OwnsMany(purchase => purchase.Items, items => items.ToJson());
        builder.HasOne<Customer>().WithMany().HasForeignKey(purchase => purchase.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(purchase => new { purchase.CustomerId, purchase.PurchasedAt });
        builder.HasIndex(purchase => new { purchase.Source, purchase.SourceReference }).IsUnique();
    }
}

using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class QuotaEntityTypeConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable("quotas", table => table.HasCheckConstraint("ck_quotas_amount", "amount >= 0"));
        builder.HasKey(quota => new { quota.UserId, quota.Month, quota.Currency });
        builder.Property(quota => quota.Amount).HasPrecision(19, 4);
        builder.Property(quota => quota.Currency).HasMaxLength(3).IsFixedLength();
    }
}

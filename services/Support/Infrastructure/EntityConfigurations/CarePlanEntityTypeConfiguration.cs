using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class CarePlanEntityTypeConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> builder)
    {
        builder.ToTable("care_plans");
        builder.Property(plan => plan.Name).HasMaxLength(100);
        builder.Property(plan => plan.Subject).HasMaxLength(200);
        builder.Property(plan => plan.Tiers).HasJsonColumn();
        builder.Property(plan => plan.Version).IsRowVersion();
    }
}

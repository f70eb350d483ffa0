using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class FollowUpCadenceEntityTypeConfiguration : IEntityTypeConfiguration<FollowUpCadence>
{
    public void Configure(EntityTypeBuilder<FollowUpCadence> builder)
    {
        builder.ToTable("follow_up_cadences", table => table.HasCheckConstraint("ck_follow_up_cadences_interval", "interval_days BETWEEN 1 AND 365"));
        builder.HasKey(cadence => cadence.Tier);
        builder.Property(cadence => cadence.Tier).HasMaxLength(32);
        builder.HasData(
            new FollowUpCadence { Tier = "HighValue", IntervalDays = 7 },
            new FollowUpCadence { Tier = "Potential", IntervalDays = 14 },
            new FollowUpCadence { Tier = "General", IntervalDays = 30 });
    }
}

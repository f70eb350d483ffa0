using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class DurableTimerEntityTypeConfiguration : IEntityTypeConfiguration<DurableTimer>
{
    public void Configure(EntityTypeBuilder<DurableTimer> builder)
    {
        builder.ToTable("timers");
        builder.Property(timer => timer.Kind).HasConversion<string>().HasMaxLength(32);
        // The worker's poll reads the earliest due rows from this index.
        builder.HasIndex(timer => timer.DueAt);
        builder.HasIndex(timer => timer.SubjectId);
    }
}

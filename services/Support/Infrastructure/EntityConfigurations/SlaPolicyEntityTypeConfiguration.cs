using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class SlaPolicyEntityTypeConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.ToTable("sla_policies");
        builder.Property(policy => policy.Name).HasMaxLength(100);
        builder.Property(policy => policy.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(policy => policy.Targets).HasJsonColumn();
        builder.Property(policy => policy.Version).IsRowVersion();
        // One policy per tier, so a ticket's policy is never a guess.
        builder.HasIndex(policy => policy.Tier).IsUnique();
        builder.HasOne<BusinessCalendar>().WithMany().HasForeignKey(policy => policy.CalendarId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class TimelineEntryEntityTypeConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("timeline_entries");
        builder.Property(entry => entry.Id).UseIdentityAlwaysColumn();
        builder.Property(entry => entry.Service).HasMaxLength(16);
        builder.Property(entry => entry.Kind).HasMaxLength(64);
        builder.Property(entry => entry.Summary).HasMaxLength(500);
        builder.Property(entry => entry.Data).HasColumnType("jsonb");
        builder.Property(entry => entry.ActorId).HasMaxLength(200);
        builder.Property(entry => entry.SourceReference).HasMaxLength(200);
        // No foreign key: the timeline is kept for good, and a merge moves entries between customers.
        builder.HasIndex(entry => new { entry.CustomerId, entry.OccurredAt, entry.Id }).IsDescending(false, true, true);
        builder.HasIndex(entry => new { entry.Service, entry.SourceReference }).IsUnique();
    }
}

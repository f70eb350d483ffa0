using Crm.Identity.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Identity.Infrastructure.EntityConfigurations;

public sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(entry => entry.Id).UseIdentityAlwaysColumn();
        builder.Property(entry => entry.Service).HasMaxLength(32);
        builder.Property(entry => entry.Action).HasMaxLength(64);
        builder.Property(entry => entry.ActorId).HasMaxLength(200);
        builder.Property(entry => entry.ActorName).HasMaxLength(200);
        builder.Property(entry => entry.Target).HasMaxLength(320);
        builder.Property(entry => entry.IpAddress).HasMaxLength(64);
        builder.HasIndex(entry => entry.OccurredAt);
        builder.HasIndex(entry => new { entry.Action, entry.OccurredAt });
    }
}

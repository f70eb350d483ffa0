using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class SegmentEntityTypeConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("segments");
        builder.Property(segment => segment.Id).ValueGeneratedNever();
        builder.Property(segment => segment.Name).HasMaxLength(200);
        builder.Property(segment => segment.Rules).HasColumnType("jsonb");
        builder.Property(segment => segment.Version).IsConcurrencyToken();
    }
}

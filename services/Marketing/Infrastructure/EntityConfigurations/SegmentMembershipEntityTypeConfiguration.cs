using Crm.Marketing.Model;
using Crm.Marketing.Model.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class SegmentMembershipEntityTypeConfiguration : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> builder)
    {
        builder.ToTable("segment_members");
        builder.HasKey(member => new { member.SegmentId, member.ContactId });
        builder.HasOne<Segment>().WithMany().HasForeignKey(member => member.SegmentId).OnDelete(DeleteBehavior.Cascade);
        // A contact's change looks up the segments it is in; the member list pages by entry time.
        builder.HasIndex(member => member.ContactId);
        builder.HasIndex(member => new { member.SegmentId, member.EnteredAt, member.ContactId });
    }
}

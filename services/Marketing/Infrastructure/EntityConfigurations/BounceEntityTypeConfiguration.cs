using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class BounceEntityTypeConfiguration : IEntityTypeConfiguration<Bounce>
{
    public void Configure(EntityTypeBuilder<Bounce> builder)
    {
        builder.ToTable("bounces");
        builder.Property(bounce => bounce.Id).UseIdentityAlwaysColumn();
        builder.Property(bounce => bounce.Email).HasMaxLength(320);
        builder.Property(bounce => bounce.MessageId).HasMaxLength(200);
        builder.Property(bounce => bounce.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(bounce => bounce.Source).HasMaxLength(10);
        builder.Property(bounce => bounce.Detail).HasMaxLength(500);
        // N soft bounces within a window make a contact bounced.
        builder.HasIndex(bounce => new { bounce.ContactId, bounce.OccurredAt });
        // Campaign stats count a campaign's bounces.
        builder.HasIndex(bounce => bounce.CampaignId);
    }
}

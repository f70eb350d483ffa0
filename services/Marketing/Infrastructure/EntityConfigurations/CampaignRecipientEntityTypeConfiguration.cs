using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class CampaignRecipientEntityTypeConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> builder)
    {
        builder.ToTable("campaign_recipients");
        builder.Property(recipient => recipient.Id).UseIdentityAlwaysColumn();
        builder.Property(recipient => recipient.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(recipient => recipient.MessageId).HasMaxLength(200);
        builder.Property(recipient => recipient.Detail).HasMaxLength(500);
        // One message per person per campaign, whatever restarts or replicas do.
        builder.HasIndex(recipient => new { recipient.CampaignId, recipient.ContactId }).IsUnique();
        builder.HasIndex(recipient => new { recipient.CampaignId, recipient.Status, recipient.Id });
        // The frequency cap counts a contact's recent mails.
        builder.HasIndex(recipient => new { recipient.ContactId, recipient.SentAt });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(recipient => recipient.CampaignId);
    }
}

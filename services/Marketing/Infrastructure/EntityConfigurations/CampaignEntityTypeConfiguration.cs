using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.Property(campaign => campaign.Id).ValueGeneratedNever();
        builder.Property(campaign => campaign.Name).HasMaxLength(200);
        builder.Property(campaign => campaign.FromAddress).HasMaxLength(320);
        builder.Property(campaign => campaign.FromName).HasMaxLength(200);
        builder.Property(campaign => campaign.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(campaign => campaign.Version).IsRowVersion();
        // The sender looks for campaigns to work on by status.
        builder.HasIndex(campaign => campaign.Status);
    }
}

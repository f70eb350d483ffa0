using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class BehaviourEntityTypeConfiguration : IEntityTypeConfiguration<Behaviour>
{
    public void Configure(EntityTypeBuilder<Behaviour> builder)
    {
        builder.ToTable("behaviours");
        builder.Property(behaviour => behaviour.Id).UseIdentityAlwaysColumn();
        builder.Property(behaviour => behaviour.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(behaviour => behaviour.Url).HasMaxLength(2048);
        builder.Property(behaviour => behaviour.SurveyId).HasMaxLength(100);
        builder.Property(behaviour => behaviour.Question).HasMaxLength(500);
        builder.Property(behaviour => behaviour.Value).HasMaxLength(500);
        builder.Property(behaviour => behaviour.UtmSource).HasMaxLength(200);
        builder.Property(behaviour => behaviour.UtmMedium).HasMaxLength(200);
        builder.Property(behaviour => behaviour.UtmCampaign).HasMaxLength(200);
        // A contact's history, newest first; one contact's segment and scoring rules look back by kind and time.
        builder.HasIndex(behaviour => new { behaviour.ContactId, behaviour.OccurredAt });
        // A segment's full evaluation reads the contacts of one kind in a time window ("clicked in the last 30 days") from
        // the index alone. Not the url: an index entry holds at most ~2.7 kB and a URL may be 2,048 characters of any
        // script, so a visited condition reads its window's rows from the table.
        builder.HasIndex(behaviour => new { behaviour.Kind, behaviour.OccurredAt })
            .IncludeProperties(behaviour => new { behaviour.ContactId, behaviour.CampaignId });
        builder.HasIndex(behaviour => new { behaviour.CampaignId, behaviour.Kind });
    }
}

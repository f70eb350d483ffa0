using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class ScoringRuleEntityTypeConfiguration : IEntityTypeConfiguration<ScoringRule>
{
    public void Configure(EntityTypeBuilder<ScoringRule> builder)
    {
        builder.ToTable("scoring_rules");
        builder.Property(rule => rule.Id).ValueGeneratedNever();
        builder.Property(rule => rule.Name).HasMaxLength(200);
        builder.Property(rule => rule.Kind).HasMaxLength(20);
        builder.Property(rule => rule.Match).HasMaxLength(500);
        builder.Property(rule => rule.Value).HasMaxLength(200);
    }
}

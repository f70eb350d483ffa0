using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class LeadAssignmentRuleEntityTypeConfiguration : IEntityTypeConfiguration<LeadAssignmentRule>
{
    public void Configure(EntityTypeBuilder<LeadAssignmentRule> builder)
    {
        builder.ToTable("lead_assignment_rules", table =>
            table.HasCheckConstraint("ck_lead_assignment_rules_target", "(team_id IS NULL) <> (user_id IS NULL)"));
        builder.Property(rule => rule.Id).ValueGeneratedNever();
        builder.Property(rule => rule.Name).HasMaxLength(100);
        builder.Property(rule => rule.Region).HasMaxLength(100);
        builder.Property(rule => rule.Source).HasMaxLength(100);
        builder.Property(rule => rule.Version).IsRowVersion();
        builder.HasIndex(rule => rule.Position);
    }
}

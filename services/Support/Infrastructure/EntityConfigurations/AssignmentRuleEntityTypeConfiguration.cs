using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class AssignmentRuleEntityTypeConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> builder)
    {
        builder.ToTable("assignment_rules");
        // One rule per category, so a ticket's route is never a guess.
        builder.HasKey(rule => rule.Category);
        builder.Property(rule => rule.Category).HasMaxLength(TicketCategory.MaxKeyLength);
        builder.HasOne<TicketCategory>().WithMany().HasForeignKey(rule => rule.Category).OnDelete(DeleteBehavior.Restrict);
        builder.Property(rule => rule.Strategy).HasConversion<string>().HasMaxLength(16);
        builder.Property(rule => rule.Version).IsRowVersion();
    }
}

using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class LeadAssignmentTurnEntityTypeConfiguration : IEntityTypeConfiguration<LeadAssignmentTurn>
{
    public void Configure(EntityTypeBuilder<LeadAssignmentTurn> builder)
    {
        builder.ToTable("lead_assignment_turns");
        builder.HasKey(turn => turn.RuleId);
        builder.HasOne<LeadAssignmentRule>().WithOne().HasForeignKey<LeadAssignmentTurn>(turn => turn.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

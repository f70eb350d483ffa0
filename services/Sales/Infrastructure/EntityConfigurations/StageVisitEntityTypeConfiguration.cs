using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class StageVisitEntityTypeConfiguration : IEntityTypeConfiguration<StageVisit>
{
    public void Configure(EntityTypeBuilder<StageVisit> builder)
    {
        builder.ToTable("stage_visits");
        builder.Property(visit => visit.StageName).HasMaxLength(100);
        builder.HasOne<Opportunity>().WithMany(opportunity => opportunity.StageHistory)
            .HasForeignKey(visit => visit.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to stages: the history outlives a stage an administrator removes.
        builder.HasIndex(visit => new { visit.OpportunityId, visit.EnteredAt });
    }
}

using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

/// <summary>Written only by the database's triggers (migration <c>OpportunityTotals</c>); the service reads it.</summary>
public sealed class OpportunityStageTotalEntityTypeConfiguration : IEntityTypeConfiguration<OpportunityStageTotal>
{
    public void Configure(EntityTypeBuilder<OpportunityStageTotal> builder)
    {
        builder.ToTable("opportunity_stage_totals");
        builder.HasKey(total => new { total.PipelineId, total.StageId, total.OwnerId, total.Currency });
        builder.Property(total => total.Currency).HasMaxLength(3).IsFixedLength();
        // Unbounded numeric: sums of numeric(19,4) amounts (times up to 100) never overflow or round.
        builder.Property(total => total.Amount).HasColumnType("numeric");
        builder.Property(total => total.AmountAtStageProbability).HasColumnType("numeric");
        builder.Property(total => total.AmountTimesOverride).HasColumnType("numeric");
    }
}

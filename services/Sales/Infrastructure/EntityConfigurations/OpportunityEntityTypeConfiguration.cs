using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

public sealed class OpportunityEntityTypeConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> builder)
    {
        builder.ToTable("opportunities", table =>
        {
            table.HasCheckConstraint("ck_opportunities_amount", "amount >= 0");
            table.HasCheckConstraint("ck_opportunities_probability_override", "probability_override BETWEEN 0 AND 100");
        });
        builder.Property(opportunity => opportunity.Id).ValueGeneratedNever();
        builder.Property(opportunity => opportunity.Name).HasMaxLength(200);
        // Up to three decimals (BHD, KWD) with one to spare; 15 integer digits.
        builder.Property(opportunity => opportunity.Amount).HasPrecision(19, 4);
        builder.Property(opportunity => opportunity.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(opportunity => opportunity.Source).HasMaxLength(100);
        builder.Property(opportunity => opportunity.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(opportunity => opportunity.LostReason).HasMaxLength(500);
        builder.Property(opportunity => opportunity.Competitor).HasMaxLength(200);
        builder.Property(opportunity => opportunity.Version).IsRowVersion();
        builder.Ignore(opportunity => opportunity.Probability);

        // Customer copies are kept as tombstones, never deleted, so the reference always holds.
        builder.HasOne<Customer>().WithMany().HasForeignKey(opportunity => opportunity.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Pipeline>().WithMany().HasForeignKey(opportunity => opportunity.PipelineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(opportunity => opportunity.Stage).WithMany().HasForeignKey(opportunity => opportunity.StageId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(opportunity => opportunity.OwnerId);
        builder.HasIndex(opportunity => opportunity.CustomerId);
        // The board's cards: per stage, soonest close date first.
        builder.HasIndex(opportunity => new { opportunity.StageId, opportunity.ExpectedCloseDate, opportunity.Id });
        // The board's sums and the forecast read these alone (index-only scans), never the wide rows of the table.
        builder.HasIndex(opportunity => new { opportunity.PipelineId, opportunity.StageId, opportunity.Currency })
            .IncludeProperties(opportunity => new { opportunity.OwnerId, opportunity.Amount, opportunity.ProbabilityOverride })
            .HasDatabaseName("ix_opportunities_board_totals");
        builder.HasIndex(opportunity => opportunity.ExpectedCloseDate)
            .IncludeProperties(opportunity => new { opportunity.StageId, opportunity.PipelineId, opportunity.Currency, opportunity.OwnerId, opportunity.Amount, opportunity.ProbabilityOverride })
            .HasFilter("status = 'Open'")
            .HasDatabaseName("ix_opportunities_open_forecast");
        builder.HasIndex(opportunity => opportunity.WonAt)
            .IncludeProperties(opportunity => new { opportunity.PipelineId, opportunity.Currency, opportunity.OwnerId, opportunity.Amount })
            .HasFilter("status = 'Won'")
            .HasDatabaseName("ix_opportunities_won_forecast");
        // Keyset paging in each sort order reads an index, not a sort.
        builder.HasIndex(opportunity => new { opportunity.ExpectedCloseDate, opportunity.Id });
        builder.HasIndex(opportunity => new { opportunity.Name, opportunity.Id });
        builder.HasIndex(opportunity => new { opportunity.Amount, opportunity.Id });
        builder.HasIndex(opportunity => new { opportunity.CreatedAt, opportunity.Id });
    }
}

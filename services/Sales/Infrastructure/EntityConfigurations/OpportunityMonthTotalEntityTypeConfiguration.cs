using Crm.Sales.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Sales.Infrastructure.EntityConfigurations;

/// <summary>Written only by the database's triggers (migration <c>OpportunityTotals</c>); the service reads it.</summary>
public sealed class OpportunityMonthTotalEntityTypeConfiguration : IEntityTypeConfiguration<OpportunityMonthTotal>
{
    public void Configure(EntityTypeBuilder<OpportunityMonthTotal> builder)
    {
        builder.ToTable("opportunity_month_totals");
        // A forecast reads one pipeline's (or all pipelines') range of months, grouped in this order: a streaming aggregate.
        builder.HasKey(total => new { total.PipelineId, total.Month, total.Currency, total.OwnerId, total.ForecastCategory, total.Status });
        builder.Property(total => total.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(total => total.ForecastCategory).HasConversion<string>().HasMaxLength(16);
        builder.Property(total => total.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(total => total.Amount).HasColumnType("numeric");
        builder.Property(total => total.AmountTimesProbability).HasColumnType("numeric");
    }
}

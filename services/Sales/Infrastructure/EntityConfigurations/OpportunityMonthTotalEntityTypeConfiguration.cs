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
        // Month first: a forecast reads a range of months.
        builder.HasKey(total => new { total.Month, total.OwnerId, total.PipelineId, total.Currency, total.ForecastCategory, total.Status });
        builder.Property(total => total.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(total => total.ForecastCategory).HasConversion<string>().HasMaxLength(16);
        builder.Property(total => total.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(total => total.Amount).HasColumnType("numeric");
        builder.Property(total => total.AmountTimesProbability).HasColumnType("numeric");
    }
}

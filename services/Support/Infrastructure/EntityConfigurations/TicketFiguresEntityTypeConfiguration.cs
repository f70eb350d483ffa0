using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

/// <summary>Written only by the triggers on <c>tickets</c> (migrations <c>TicketDailyFigures</c>, <c>MonthlyTicketFigures</c>); read by <see cref="MetricsQueries"/>.</summary>
public sealed class TicketFiguresEntityTypeConfiguration : IEntityTypeConfiguration<TicketFigures>
{
    public void Configure(EntityTypeBuilder<TicketFigures> builder)
    {
        builder.ToTable("ticket_figures");
        // A dashboard reads one span, one grain, one team (or everyone) and a range of days or months.
        builder.HasKey(figures => new { figures.Span, figures.Grain, figures.TeamId, figures.FirstDay, figures.Category });
        builder.Property(figures => figures.Span).HasConversion<short>();
        builder.Property(figures => figures.Grain).HasConversion<short>();
        builder.Property(figures => figures.Category).HasMaxLength(TicketCategory.MaxKeyLength);
    }
}

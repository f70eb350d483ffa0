using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

/// <summary>Written only by the triggers on <c>tickets</c> (migration <c>TicketDailyFigures</c>); read by <see cref="MetricsQueries"/>.</summary>
public sealed class TicketDailyFiguresEntityTypeConfiguration : IEntityTypeConfiguration<TicketDailyFigures>
{
    public void Configure(EntityTypeBuilder<TicketDailyFigures> builder)
    {
        builder.ToTable("ticket_daily_figures");
        // A dashboard reads one grain, one team (or everyone) and a range of days.
        builder.HasKey(figures => new { figures.Grain, figures.TeamId, figures.Day, figures.Category });
        builder.Property(figures => figures.Grain).HasConversion<short>();
        builder.Property(figures => figures.Category).HasMaxLength(TicketCategory.MaxKeyLength);
    }
}

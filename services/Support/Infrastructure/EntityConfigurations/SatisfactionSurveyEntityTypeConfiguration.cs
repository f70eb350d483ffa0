using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class SatisfactionSurveyEntityTypeConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("satisfaction_surveys");
        builder.Property(survey => survey.Category).HasMaxLength(TicketCategory.MaxKeyLength);
        builder.HasOne<TicketCategory>().WithMany().HasForeignKey(survey => survey.Category).OnDelete(DeleteBehavior.Restrict);
        builder.Property(survey => survey.SentTo).HasMaxLength(320);
        builder.Property(survey => survey.Link).HasMaxLength(1000);
        builder.Property(survey => survey.Comment).HasMaxLength(2000);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(survey => survey.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(survey => survey.TicketId);
        // Statistics read answered surveys by time.
        builder.HasIndex(survey => survey.AnsweredAt);
    }
}

using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class JourneyEntityTypeConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> builder)
    {
        builder.ToTable("journeys");
        builder.Property(journey => journey.Id).ValueGeneratedNever();
        builder.Property(journey => journey.Name).HasMaxLength(200);
        builder.Property(journey => journey.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(journey => journey.Trigger).HasConversion<string>().HasMaxLength(30);
        builder.Property(journey => journey.TriggerMatch).HasMaxLength(500);
        builder.Property(journey => journey.TriggerValue).HasMaxLength(500);
        builder.Property(journey => journey.Steps).HasColumnType("jsonb");
        builder.Property(journey => journey.FromAddress).HasMaxLength(320);
        builder.Property(journey => journey.FromName).HasMaxLength(200);
        builder.Property(journey => journey.Version).IsRowVersion();
        builder.Ignore(journey => journey.Plan);
        // Enrolment looks up the active journeys of one trigger.
        builder.HasIndex(journey => new { journey.Trigger, journey.Status });
    }
}

using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class JourneyEnrolmentEntityTypeConfiguration : IEntityTypeConfiguration<JourneyEnrolment>
{
    public void Configure(EntityTypeBuilder<JourneyEnrolment> builder)
    {
        builder.ToTable("journey_enrolments");
        builder.Property(enrolment => enrolment.Id).UseIdentityAlwaysColumn();
        builder.Property(enrolment => enrolment.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(enrolment => enrolment.ExitReason).HasMaxLength(500);
        // A person walks a journey once, however often the trigger fires or an event is redelivered.
        builder.HasIndex(enrolment => new { enrolment.JourneyId, enrolment.ContactId }).IsUnique();
        // A journey's people in the order they entered, a page at a time.
        builder.HasIndex(enrolment => new { enrolment.JourneyId, enrolment.EnrolledAt, enrolment.ContactId });
        // The runner's claim: the active rows that are due, soonest first.
        builder.HasIndex(enrolment => enrolment.DueAt).HasFilter("status = 'Active'");
        // Unsubscribe, bounce and erasure end all of a person's enrolments.
        builder.HasIndex(enrolment => new { enrolment.ContactId, enrolment.Status });
        builder.HasOne<Journey>().WithMany().HasForeignKey(enrolment => enrolment.JourneyId);
    }
}

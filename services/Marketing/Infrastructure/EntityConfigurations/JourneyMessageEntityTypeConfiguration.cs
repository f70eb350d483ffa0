using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class JourneyMessageEntityTypeConfiguration : IEntityTypeConfiguration<JourneyMessage>
{
    public void Configure(EntityTypeBuilder<JourneyMessage> builder)
    {
        builder.ToTable("journey_messages");
        builder.Property(message => message.Id).ValueGeneratedNever();
        builder.Property(message => message.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(message => message.MessageId).HasMaxLength(200);
        builder.Property(message => message.Detail).HasMaxLength(500);
        // One mail per step per person: a runner taking over a dead one's enrolment finds the mail already claimed.
        builder.HasIndex(message => new { message.EnrolmentId, message.StepIndex }).IsUnique();
        // The frequency cap counts a contact's recent mails; stats count a journey's mails.
        builder.HasIndex(message => new { message.ContactId, message.SentAt });
        builder.HasIndex(message => new { message.JourneyId, message.Status });
        builder.HasOne<JourneyEnrolment>().WithMany().HasForeignKey(message => message.EnrolmentId);
    }
}

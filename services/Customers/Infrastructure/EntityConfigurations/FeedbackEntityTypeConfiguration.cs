using Crm.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class FeedbackEntityTypeConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> builder)
    {
        builder.ToTable("feedback");
        builder.Property(feedback => feedback.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(feedback => feedback.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(feedback => feedback.Text).HasMaxLength(4000);
        builder.HasOne<Customer>().WithMany().HasForeignKey(feedback => feedback.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(feedback => new { feedback.CustomerId, feedback.ReceivedAt });
        builder.Property(feedback => feedback.SourceReference).HasMaxLength(100);
        builder.HasIndex(feedback => feedback.SourceReference).IsUnique().HasFilter("source_reference IS NOT NULL");
    }
}

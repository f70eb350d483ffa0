using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Support.Infrastructure.EntityConfigurations;

public sealed class TicketCategoryEntityTypeConfiguration : IEntityTypeConfiguration<TicketCategory>
{
    private static readonly DateTimeOffset Seeded = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<TicketCategory> builder)
    {
        builder.ToTable("ticket_categories");
        builder.HasKey(category => category.Key);
        builder.Property(category => category.Key).HasMaxLength(TicketCategory.MaxKeyLength);
        builder.Property(category => category.Name).HasMaxLength(TicketCategory.MaxNameLength);
        builder.Property(category => category.Version).IsRowVersion();
        // Keys also differ in more than letter case ("complaint" in a request finds exactly one category): the migration
        // adds a unique index on lower(key), which EF Core cannot express.
        builder.HasData(
            Seed(TicketCategory.Question, "Question"),
            Seed(TicketCategory.ServiceRequest, "Service request"),
            Seed(TicketCategory.Complaint, "Complaint"),
            Seed(TicketCategory.Incident, "Incident"));
    }

    private static TicketCategory Seed(string key, string name) =>
        new() { Key = key, Name = name, IsActive = true, CreatedAt = Seeded, UpdatedAt = Seeded };
}
